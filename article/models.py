"""The source article, paragraph by paragraph, and what every record needs to cite it.

The knowledge base is built from one article. Each of its paragraphs is a record of its own
(original Chinese and an English translation), with a stable anchor on the article page, so a
mode, trend or company can say exactly which paragraphs it draws on; what editors add from
elsewhere lives in a separate `background` field, never in the text attributed to the article.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from content.models import Publishable, content_indexes
from content.registry import register
from search.models import Searchable

from .reads import published_sources

# Ids the readers' page templates (templates/) give elements of their own. A paragraph whose anchor took one would
# put that id twice on the article page: `main`, say, and the skip link would jump to the paragraph instead.
# editors/tests/test_reserved_anchors.py reads every template to keep this list whole.
PAGE_IDS = frozenset(
    {
        "background-heading",
        "companies-title",
        "intro-title",
        "main",
        "map-title",
        "modes-title",
        "provenance-heading",
        "site-search",
        "trends-title",
    }
)
HEADING_ID_SUFFIX = "-heading"  # the article page gives each paragraph's heading the id "<anchor>-heading"


def validate_anchor(value):
    """An anchor that is no id the article page uses already. A field validator, so that every path that
    checks a record (the admin's form, and saves by any other path: content.hygiene) refuses it."""
    if value in PAGE_IDS:
        raise ValidationError(
            _("“%(anchor)s” is an id the page itself uses. Choose another anchor."),
            code="reserved",
            params={"anchor": value},
        )
    if value.endswith(HEADING_ID_SUFFIX):
        raise ValidationError(
            _("An anchor may not end in “-heading”: the article page names each paragraph's heading so."),
            code="reserved",
        )


@register(
    title_field="heading",
    text_fields=("text", "note", "section_heading"),  # the section heading last: searched, as the article's title
    position=4,
    fixture="article.json",
    list_url_name="article:article",
    has_own_pages=False,  # every paragraph is a part of the one article page (…/article/#anchor)
    schema_type="Article",
)
class ArticleParagraph(Publishable, Searchable):  # Publishable first: its checks precede the index
    """One paragraph of the article: the cleaned Chinese original beside a faithful English translation."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True, help_text=_("Its position in the article."))
    slug = models.SlugField(
        _("anchor"),
        max_length=40,
        unique=True,
        validators=[validate_anchor],
        help_text=_("Its address on the article page (…/article/#anchor); records cite the paragraph by it."),
    )
    section_heading = models.CharField(
        _("section heading"), max_length=200, blank=True, help_text=_("Only on the first paragraph of a section.")
    )
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(
        _("text"),
        help_text=_(
            "Chinese: the original, cleaned only of page furniture and obvious slips. "
            "English: a faithful translation of it, nothing added."
        ),
    )
    note = models.TextField(
        _("translator's note"), blank=True, help_text=_("Explains a word or idiom; shown apart from the text.")
    )

    class Meta:
        ordering = ["number"]
        indexes = content_indexes("paragraph", "number")
        verbose_name = _("article paragraph")
        verbose_name_plural = _("article paragraphs")
        permissions = [("publish_articleparagraph", _("Can publish article paragraph"))]

    def __str__(self):
        return f"¶{self.number} {self.heading or self.slug}"

    def get_absolute_url(self):
        return f"{reverse('article:article')}#{self.slug}"

    @property
    def paragraph_label(self):
        return f"¶{self.number}"

    @property
    def mentions_this_year(self):
        """Whether the text speaks of "this year" (今年), which readers need dated."""
        return "今年" in (self.text_zh_hant or "")


class DrawsOnArticle(models.Model):
    """A record that says which paragraphs of the article it draws on, and keeps editors' additions apart."""

    sources = models.ManyToManyField(
        ArticleParagraph,
        blank=True,
        related_name="cited_by_%(class)s",
        verbose_name=_("source paragraphs"),
        help_text=_("The paragraphs of the article this record's text says the same as."),
    )
    background = models.TextField(
        _("background"),
        blank=True,
        help_text=_(
            "What editors add from elsewhere (founding year, owner, what a term means). "
            "Not from the article: never write “the article notes” here."
        ),
    )

    class Meta:
        abstract = True

    @property
    def side_by_side_headings(self):
        """Editors' background is read side by side too, but under its own heading."""
        return {"background": _("Background — not from the article")}

    @cached_property
    def published_sources(self):
        """The published paragraphs it draws on, in the article's order (a read compiled once: article.reads)."""
        return published_sources(self)

    @property
    def mentions_this_year(self):
        """Whether a paragraph it draws on says "this year", which the page then dates."""
        return any(paragraph.mentions_this_year for paragraph in self.published_sources)
