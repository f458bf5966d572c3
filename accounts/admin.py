from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import AccountDeletion, PrivacyConsent, User


class PrivacyConsentInline(admin.TabularInline):
    model = PrivacyConsent
    extra = 0
    readonly_fields = ["version", "context", "given_at"]
    can_delete = False


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "is_staff", "date_joined"]
    list_filter = ["role", "is_staff", "is_superuser", "is_active", "deleted_at"]
    search_fields = ["email", "name"]
    inlines = [PrivacyConsentInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("name", "role", "onboarded_at")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


@admin.register(AccountDeletion)
class AccountDeletionAdmin(admin.ModelAdmin):
    list_display = ["user", "deleted_at"]
    readonly_fields = ["user", "deleted_at", "erased"]

    def has_add_permission(self, request):
        return False
