"""Hooks translation files into the admin: an action on each content changelist, and the home page."""

from urllib.parse import urlencode

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.registry import content_models


@admin.action(description=_("Export for translation (XLIFF or PO)"), permissions=["view"])
def export_for_translation(modeladmin, request, queryset):
    query = urlencode(
        {"model": modeladmin.opts.label_lower, "pk": list(queryset.values_list("pk", flat=True))}, doseq=True
    )
    return HttpResponseRedirect(f"{reverse('xliff:export')}?{query}")


def install():
    """Called from XliffConfig.ready(), after the admin has discovered every ModelAdmin."""
    for model in content_models():
        model_admin = admin.site.get_model_admin(model)
        if export_for_translation not in model_admin.actions:
            model_admin.actions = [*(model_admin.actions or []), export_for_translation]
    # The home page offers the export of everything that needs translation, and the import.
    admin.site.index_template = "xliff/admin_index.html"
