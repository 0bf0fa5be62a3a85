"""Trends for tests that need more of them than the seed has (no pytest here: plain model instances)."""

from .models import Trend


def trend(number, slug, status=Trend.Status.PUBLISHED):
    """An unsaved trend with short texts in both languages: `.save()` it, or `bulk_create` a list of them."""
    return Trend(
        number=number,
        slug=slug,
        title_en=f"Trend {number}",
        title_zh_hant=f"趨勢{number}",
        summary_en="More.",
        summary_zh_hant="更多。",
        body_en="More.",
        body_zh_hant="更多。",
        status=status,
    )
