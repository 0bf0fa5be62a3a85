"""What the admin index tells editors about translation work."""

from django import template
from django.urls import reverse

from content.registry import content_models

register = template.Library()


@register.simple_tag
def translation_work():
    """Per kind of content: how many records are incomplete or may be out of date, with changelist links."""
    rows = []
    for model in content_models():
        records = list(model.objects.all())
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        rows.append(
            {
                "name": model._meta.verbose_name_plural,
                "needing": sum(record.needs_translation() for record in records),
                "incomplete": sum(bool(record.missing_translations()) for record in records),
                "outdated": sum(bool(record.outdated_translations()) for record in records),
                "incomplete_url": f"{changelist}?translation=incomplete",
                "outdated_url": f"{changelist}?translation=outdated",
            }
        )
    return {"rows": rows, "total": sum(row["needing"] for row in rows)}
