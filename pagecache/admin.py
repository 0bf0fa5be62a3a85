from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import PendingPurge
from .purges import FAILED_AFTER


class FailingFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("failed", _("Failed (still retried)")), ("waiting", _("Waiting"))]

    def queryset(self, request, queryset):
        if self.value() == "failed":
            return queryset.filter(attempts__gte=FAILED_AFTER)
        if self.value() == "waiting":
            return queryset.filter(attempts__lt=FAILED_AFTER)
        return queryset


@admin.register(PendingPurge)
class PendingPurgeAdmin(admin.ModelAdmin):
    """Purges the shared caches have not yet confirmed: operators see failures here (pagecache.purges)."""

    list_display = ["created_at", "short_keys", "attempts", "next_attempt_at", "last_error"]
    list_filter = [FailingFilter]
    readonly_fields = ["keys", "created_at", "next_attempt_at", "attempts", "told", "last_error"]
    list_per_page = 50
    show_full_result_count = False

    @admin.display(description=_("keys"))
    def short_keys(self, record):
        return record.keys if len(record.keys) <= 120 else record.keys[:120] + "…"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
