import factory

from needs.models import Need
from needs.services import need_create
from profiles.tests.factories import CompanyFactory


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"需求{n}")
    description = "希望与高校合作解决技术难题。"


def submitted_need(**kwargs) -> Need:
    """A need posted through the service, so its history starts with "submitted"."""
    company = kwargs.pop("company", None) or CompanyFactory()
    return need_create(
        company=company,
        title=kwargs.pop("title", f"需求 {Need.objects.count() + 1}"),
        description=kwargs.pop("description", "希望与高校合作解决技术难题。"),
        **kwargs,
    )
