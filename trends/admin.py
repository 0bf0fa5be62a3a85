from django.contrib import admin

from editors.admin import EditorialAdmin

from .models import Trend


@admin.register(Trend)
class TrendAdmin(EditorialAdmin):
    list_display = ("number", "title", "status", "updated_at")
    list_display_links = ("number", "title")
    list_filter = ("status", "modes", "companies")
    search_fields = ("title_en", "title_zh_hant", "summary_en", "summary_zh_hant", "body_en", "body_zh_hant")
    prepopulated_fields = {"slug": ("title_en",)}
    filter_horizontal = ("modes", "companies")
