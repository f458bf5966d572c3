"""Meetings in the admin, to look only: every change goes through the organizer pages, whose
services keep nobody and no table booked twice."""

from django.contrib import admin

from meetings.models import Meeting, MeetingRequest, RoundTablePlan


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeetingRequest)
class MeetingRequestAdmin(ReadOnlyAdmin):
    list_display = ["event", "expert", "company_member", "source", "priority", "status"]
    list_filter = ["status", "source"]
    list_select_related = ["event", "expert", "company_member"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["event", "slot", "table", "expert", "company_member", "status"]
    list_filter = ["status", "moved_by_hand"]
    list_select_related = ["event", "slot", "table", "expert", "company_member"]


@admin.register(RoundTablePlan)
class RoundTablePlanAdmin(ReadOnlyAdmin):
    list_display = ["event", "table_size", "created_at"]
    list_select_related = ["event"]
