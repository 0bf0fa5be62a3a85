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
    ordering = ("order",)


@admin.register(Company)
class CompanyAdmin(EditorialAdmin):
    list_display = ("name", "slug", "website", "status", "updated_at")
    list_filter = ("status", "modes")
    search_fields = ("slug", "name_en", "name_zh_hant", "description_en", "description_zh_hant")
    prepopulated_fields = {"slug": ("name_en",)}
    filter_horizontal = ("modes",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}  # "jd.com" means https://jd.com
