from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ConversionRule


@admin.register(ConversionRule)
class ConversionRuleAdmin(SimpleHistoryAdmin):
    """Every rule on one page, searchable both ways; each save renews the table in every process (signals)."""

    list_display = ("traditional", "simplified", "note")
    list_display_links = ("traditional",)
    search_fields = ("traditional", "simplified", "note")
    list_per_page = 200
