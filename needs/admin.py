from django.contrib import admin

from needs.models import Need, NeedRating, NeedTransition
from needs.services import need_terms_refresh


class NeedTransitionInline(admin.TabularInline):
    """The need's history is evidence: read only (change status through the desk's pages)."""

    model = NeedTransition
    extra = 0
    can_delete = False
    fields = ["at", "from_status", "to_status", "by", "comment"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class NeedRatingInline(admin.StackedInline):
    model = NeedRating
    extra = 0
    can_delete = False
    readonly_fields = ["score", "comment", "by", "at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "category", "urgency", "status", "host", "created_at"]
    list_filter = ["category", "urgency", "status", "visibility", "host"]
    search_fields = ["title", "description", "company__name"]
    raw_id_fields = ["created_by", "assignee"]
    autocomplete_fields = ["topics"]
    readonly_fields = ["status", "responded_at", "resolved_at", "reminded_on", "keywords", "tokens"]
    inlines = [NeedTransitionInline, NeedRatingInline]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        need_terms_refresh(form.instance)  # keeps the chosen topics, recomputes the tokens
