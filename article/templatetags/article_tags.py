"""Template tags that show what a page owes to the article."""

from django import template

from bilingual.reading import columns

from ..models import ArticleParagraph
from ..views import Version

register = template.Library()


@register.simple_tag
def paragraph_versions(paragraph):
    """The paragraph in both languages, the reader's first (Chinese in the reader's script)."""
    return [Version.of(paragraph, column) for column in columns()]


@register.inclusion_tag("article/_definition.html")
def definition():
    """The article's definition of an e-commerce operation mode: content, edited in the admin."""
    return {"paragraph": ArticleParagraph.objects.published().filter(slug="definition").first()}
