from django.contrib import admin

from matching.models import Introduction


@admin.register(Introduction)
class IntroductionAdmin(admin.ModelAdmin):
    list_display = ["need", "expert", "initiator", "status", "created_at", "expires_at"]
    list_filter = ["status", "initiator"]
    search_fields = ["need__title", "need__company__name", "expert__name"]
    raw_id_fields = ["need", "expert", "created_by", "company_accepted_by"]
