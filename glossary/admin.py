"""How glossary terms look in the admin, on the editors' workflow (editors.admin.EditorialAdmin: history, preview,
publishing, translation status). The termbase (TBX) download is here, under /admin/, so it is staff-only like the
rest of the admin."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Lower
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from editors.admin import EditorialAdmin

from .models import Term
from .tbx import published_termbase, termbase

TBX_CONTENT_TYPE = "application/x-tbx+xml; charset=utf-8"


def tbx_response(document, filename="ecomkb-glossary.tbx"):
    response = HttpResponse(document, content_type=TBX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@admin.register(Term)
class TermAdmin(EditorialAdmin):
    list_display = ("term", "simplified", "slug", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("slug", "term_en", "term_zh_hant", "simplified", "definition_en", "definition_zh_hant")
    prepopulated_fields = {"slug": ("term_en",)}
    autocomplete_fields = ("modes", "trends", "companies")  # pickers that search, instead of lists of every record
    change_list_template = "glossary/admin/term_change_list.html"  # adds the termbase download
    actions = ["download_tbx"]

    @admin.action(description=_("Download the selected terms as a termbase (TBX)"), permissions=["view"])
    def download_tbx(self, request, queryset):
        return tbx_response(termbase(queryset.order_by(Lower("term_en"), "slug").prefetch_related("sources")))

    def get_urls(self):
        return [
            path(
                "termbase.tbx",
                self.admin_site.admin_view(self.termbase_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_termbase",
            ),
            *super().get_urls(),
        ]

    def termbase_view(self, request):
        """Every published term as a TBX file, for translators' CAT tools."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        return tbx_response(published_termbase())
