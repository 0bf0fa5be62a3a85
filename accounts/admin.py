from allauth.account.decorators import secure_admin_login
from django.contrib import admin

from .models import AuthEvent

# The admin's own login form would sign in with a password alone: send it to the two-step sign-in.
admin.site.login = secure_admin_login(admin.site.login)


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
