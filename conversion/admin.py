from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from content.locking import queue_behind_other_saves

from .models import ConversionRule


class ConversionRuleForm(forms.ModelForm):
    def clean(self):
        # Before the phrase's uniqueness is checked: a double-clicked Save is then a form error, not a 500.
        queue_behind_other_saves(ConversionRule)
        return super().clean()


@admin.register(ConversionRule)
class ConversionRuleAdmin(SimpleHistoryAdmin):
    """Every rule on one page, searchable both ways; each save renews the table in every process (signals)."""

    form = ConversionRuleForm
    list_display = ("traditional", "simplified", "note")
    list_display_links = ("traditional",)
    search_fields = ("traditional", "simplified", "note")
    list_per_page = 200
