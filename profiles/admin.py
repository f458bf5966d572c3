from django.contrib import admin

from profiles.models import (
    Company,
    CompanyMembership,
    ExpertProfile,
    Need,
    NeedRating,
    NeedTransition,
)


@admin.register(ExpertProfile)
class ExpertProfileAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "institution", "email"]
    search_fields = ["name", "institution", "fields_text", "email"]
    raw_id_fields = ["user"]


class CompanyMembershipInline(admin.TabularInline):
    model = CompanyMembership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Company)
class CompanyAdmin(admin.ModelAdmin):
    list_display = ["name", "industry", "district"]
    search_fields = ["name"]
    inlines = [CompanyMembershipInline]


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
    list_filter = ["category", "urgency", "status", "host"]
    search_fields = ["title", "description", "company__name"]
    raw_id_fields = ["created_by", "assignee"]
    readonly_fields = ["status", "responded_at", "resolved_at", "reminded_on"]
    inlines = [NeedTransitionInline, NeedRatingInline]
