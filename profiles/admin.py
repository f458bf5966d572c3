from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from profiles.models import (
    Company,
    CompanyInvitation,
    CompanyMembership,
    ExpertProfile,
    ImportBatch,
    Topic,
)
from profiles.terms import expert_terms_refresh
from profiles.text import split_labels


class SynonymsField(forms.CharField):
    """Synonyms edited as one line separated by commas, ；or 、 (stored as a list)."""

    def prepare_value(self, value):
        return "、".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return split_labels(value or "")


class TopicAdminForm(forms.ModelForm):
    synonyms_zh = SynonymsField(
        label=_("Chinese synonyms"), required=False, help_text=_("Separated by 、 or commas.")
    )
    synonyms_en = SynonymsField(
        label=_("English synonyms"), required=False, help_text=_("Separated by commas.")
    )

    class Meta:
        model = Topic
        fields = ["slug", "name_zh", "name_en", "parent", "synonyms_zh", "synonyms_en"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ["name_zh", "name_en", "parent", "slug"]
    list_select_related = ["parent"]
    list_filter = [("parent", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name_zh", "name_en", "slug", "synonyms_zh", "synonyms_en"]
    autocomplete_fields = ["parent"]


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "institution", "email", "imported_by", "claimed_at"]
    list_filter = ["visibility", "matching_opt_out", "imported_by"]
    search_fields = ["name", "institution", "fields_text", "email"]
    raw_id_fields = ["user"]
    # Topics, keywords and tokens derive from the fields and texts (recomputed on save).
    readonly_fields = ["topic_names", "keywords", "tokens", "claimed_at"]
    exclude = ["topics"]

    @admin.display(description=_("topics"))
    def topic_names(self, obj):
        return "、".join(t.name_zh for t in obj.topics.all())

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        expert_terms_refresh(form.instance)


class CompanyMembershipInline(admin.TabularInline):
    model = CompanyMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "industry", "district", "verified_at"]
    list_filter = ["industry", "size", "stage"]
    search_fields = ["name", "credit_code", "parent_name"]
    raw_id_fields = ["parent"]
    inlines = [CompanyMembershipInline]


@admin.register(CompanyInvitation)
class CompanyInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "company", "created_at", "accepted_at"]
    raw_id_fields = ["company", "invited_by"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["filename", "kind", "host", "created_at", "applied_at"]
    list_filter = ["kind", "host"]
    readonly_fields = ["rows", "result"]
