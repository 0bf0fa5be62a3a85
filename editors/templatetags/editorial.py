"""What the admin index tells editors about translation work."""

from django import template
from django.urls import reverse

from content.counts import kind_count
from content.registry import content_models

register = template.Library()


@register.simple_tag
def translation_work():
    """Per kind of content: how many records are incomplete or may be out of date, with changelist links."""
    rows = []
    for model in content_models():
        # Three counts, each read from a partial index of the records with work (content.models), and kept
        # until a record of the kind changes (content.counts): work waiting costs a count once, not every visit.
        records = model.objects
        incomplete = kind_count(model, "incomplete", records.filter(translation_incomplete=True).count)
        outdated = kind_count(model, "outdated", records.filter(translation_outdated=True).count)
        both = kind_count(model, "both", records.filter(translation_incomplete=True, translation_outdated=True).count)
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        rows.append(
            {
                "name": model._meta.verbose_name_plural,
                "needing": incomplete + outdated - both,
                "incomplete": incomplete,
                "outdated": outdated,
                "incomplete_url": f"{changelist}?translation=incomplete",
                "outdated_url": f"{changelist}?translation=outdated",
            }
        )
    return {"rows": rows, "total": sum(row["needing"] for row in rows)}
