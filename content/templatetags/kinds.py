"""The kinds of content as readers meet them: the site's sections, one per kind with pages of its own, from the
registry, so a new kind is in the navigation as soon as it is declared."""

from django import template
from django.urls import reverse
from django.utils.text import capfirst

from content.registry import content_kinds

register = template.Library()


@register.simple_tag
def reader_sections():
    """[(list page's address, its name)] in the kinds' reading order; kinds whose records are parts of one page
    (the article's paragraphs) have no section of their own."""
    return [
        (reverse(kind.list_url_name), capfirst(kind.model._meta.verbose_name_plural))
        for kind in content_kinds()
        if kind.has_own_pages
    ]
