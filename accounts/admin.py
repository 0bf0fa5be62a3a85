import importlib

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login

from . import services
from .models import AuthEvent


@login_not_required
def two_step_sign_in(request, extra_context=None):
    """The admin's own login form signs in with a password alone, for anyone (allauth's wrapper still let a staff
    session post it): it is never shown, every request goes to the two-step sign-in."""
    return redirect_to_login(request.GET.get("next") or "/admin/")


admin.site.login = two_step_sign_in


@admin.register(AuthEvent)
class AuthEventAdmin(admin.ModelAdmin):
    """The audit trail, read-only: nobody adds, edits or deletes a line through the admin."""

    list_display = ["time", "kind", "username", "ip_address", "detail"]
    list_filter = ["kind", "time"]
    search_fields = ["username", "ip_address"]
    date_hierarchy = "time"
    list_select_related = ["user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# allauth's own admin shows and edits the secret: registered first (whatever the order of the apps), then replaced.
importlib.import_module("allauth.mfa.admin")
admin.site.unregister(Authenticator)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Second factors, without their secrets: an administrator sees who has which, and can remove one
    (the owner sets up a new one at their next sign-in), but cannot add or change anyone's.

    A removal is audited and ends the owner's sessions, like `resetsecondfactor`.
    """

    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type", "created_at", "last_used_at"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    fields = ["user", "type", "created_at", "last_used_at"]  # never `data`: it holds the sealed secret

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        services.second_factor_removed(authenticator=obj, request=request)

    def delete_queryset(self, request, queryset):
        for authenticator in queryset.select_related("user"):
            services.second_factor_removed(authenticator=authenticator, request=request)
