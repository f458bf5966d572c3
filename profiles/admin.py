from django.contrib import admin

from profiles.models import Company, CompanyMembership, ExpertProfile, Need


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


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin):
    list_display = ["title", "company", "category", "urgency", "status", "created_at"]
    list_filter = ["category", "urgency", "status"]
    search_fields = ["title", "description", "company__name"]
    raw_id_fields = ["created_by"]
