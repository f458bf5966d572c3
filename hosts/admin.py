from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hosts.models import Host, HostMembership
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
