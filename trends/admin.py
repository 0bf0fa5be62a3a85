"""How trends look in the admin, on the editors' workflow (editors.admin.EditorialAdmin)."""

from django.contrib import admin

from editors.admin import EditorialAdmin

from .models import Trend


@admin.register(Trend)
class TrendAdmin(EditorialAdmin):
    list_display = ("number", "title", "status", "updated_at")
    list_display_links = ("number", "title")
    list_filter = ("status",)  # not by mode or company: a filter lists every one, and there may be a million
    search_fields = ("title_en", "title_zh_hant", "summary_en", "summary_zh_hant", "body_en", "body_zh_hant")
    prepopulated_fields = {"slug": ("title_en",)}
    autocomplete_fields = ("modes", "companies")  # pickers that search, instead of lists of every record
