from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hosts.models import Host, HostInvitation, HostMembership
from hosts.services import host_approve


class HostMembershipInline(admin.TabularInline):
    model = HostMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Host)
class HostAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["name", "name_en", "slug"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [HostMembershipInline]
    actions = ["approve"]

    @admin.action(description=_("Approve the selected hosts"))
    def approve(self, request, queryset):
        for host in queryset:
            host_approve(host=host)


@admin.register(HostInvitation)
class HostInvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "host", "created_at", "expires_at", "accepted_at"]
    list_select_related = ["host"]
    search_fields = ["email", "host__name"]
    exclude = ["token"]  # the link is the secret; it is only ever emailed
    readonly_fields = ["accepted_at", "accepted_by", "invited_by"]
