"""How operation modes and companies look in the admin, on the editors' workflow (editors.admin.EditorialAdmin:
history, preview, publishing, translation status)."""

from django.contrib import admin
from django.db import models

from editors.admin import EditorialAdmin

from .models import Company, OperationMode


@admin.register(OperationMode)
class OperationModeAdmin(EditorialAdmin):
    list_display = ("code", "name", "seller_side", "buyer_side", "order", "status", "updated_at")
    list_filter = ("status",)
    search_fields = ("code", "name_en", "name_zh_hant", "summary_en", "summary_zh_hant")
    prepopulated_fields = {"slug": ("code",)}
    ordering = ("order", "code")  # the (order, code) index


@admin.register(Company)
class CompanyAdmin(EditorialAdmin):
    list_display = ("name", "slug", "website", "status", "updated_at")
    list_filter = ("status",)  # not by mode: a filter lists every mode, and there may be a million
    search_fields = ("slug", "name_en", "name_zh_hant", "description_en", "description_zh_hant")
    prepopulated_fields = {"slug": ("name_en",)}
    autocomplete_fields = ("modes",)  # a picker that searches, instead of a list of every mode
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # "jd.com" means https://jd.com
