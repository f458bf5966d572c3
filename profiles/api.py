"""Experts and companies in the API (read only)."""

from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from profiles.permissions import contact_visible_ids
from profiles.selectors import company_list, expert_list
from profiles.serializers import CompanySerializer, ExpertSerializer


class ExpertViewSet(viewsets.ReadOnlyModelViewSet):
    """Experts the caller may see; email, phone and wechat only where the privacy rule allows.

    Filters: `q` (text or topic name), `topic` (slug, with the topics below it), `institution`.
    """

    permission_classes = [AllowAny]
    serializer_class = ExpertSerializer

    def get_queryset(self):
        params = {k: self.request.query_params.get(k, "") for k in ("q", "topic", "institution")}
        return expert_list(user=self.request.user, **params)

    def get_serializer(self, *args, **kwargs):
        instances = args[0] if args else None
        if instances is not None:
            items = (
                instances
                if isinstance(instances, list | tuple)
                else (list(instances) if hasattr(instances, "__iter__") else [instances])
            )
            kwargs.setdefault("context", self.get_serializer_context())
            kwargs["context"]["contact_ids"] = contact_visible_ids(self.request.user, items)
        return super().get_serializer(*args, **kwargs)


class CompanyViewSet(viewsets.ReadOnlyModelViewSet):
    """Companies. Filters: `q`, `industry` (GB/T 4754 section letter), `district`."""

    permission_classes = [AllowAny]
    serializer_class = CompanySerializer

    def get_queryset(self):
        params = {k: self.request.query_params.get(k, "") for k in ("q", "industry", "district")}
        return company_list(**params)
