"""Template tags that show what a page owes to the article."""

from django import template

from bilingual.reading import columns
from bilingual.templatetags.reading import reader_html
from content.registry import kind_of

from ..models import ArticleParagraph
from ..views import Version

register = template.Library()


@register.simple_tag
def paragraph_versions(paragraph):
    """The paragraph in both languages, the reader's first (Chinese in the reader's script)."""
    return [Version.of(paragraph, column) for column in columns()]


@register.simple_tag
def record_title(record):
    """A record's title in the reader's language, whatever kind of content it is."""
    return reader_html(record, kind_of(record).title_field)


@register.inclusion_tag("article/_definition.html")
def definition():
    """The article's definition of an e-commerce operation mode: content, edited in the admin."""
    return {"paragraph": ArticleParagraph.objects.published().filter(slug="definition").first()}
