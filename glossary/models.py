from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from article.models import DrawsOnArticle
from bilingual.pinyin import pinyin_sort_key
from content.models import BODY_LENGTH, SUMMARY_LENGTH, Publishable, content_indexes
from content.registry import register
from search.models import Searchable


@register(
    title_field="term",
    text_fields=("definition", "background"),
    position=5,
    fixture="glossary.json",
    list_url_name="glossary:term_list",
    markdown_fields=("definition", "background"),
    schema_type="DefinedTerm",
)
class Term(DrawsOnArticle, Publishable, Searchable):  # Publishable first: its checks precede the index
    """A term the article uses, in its three written forms, defined by what the article says of it (`sources`);
    what editors know from elsewhere goes to `background`, never into the definition."""

    class PartOfSpeech(models.TextChoices):  # TBX-Basic's picklist, so a termbase export can carry it as is
        NOUN = "noun", _("noun")
        PROPER_NOUN = "properNoun", _("proper noun")
        VERB = "verb", _("verb")
        ADJECTIVE = "adjective", _("adjective")
        ADVERB = "adverb", _("adverb")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    term = models.CharField(_("term"), max_length=120)
    # Its own field, not OpenCC's conversion of the Traditional form: a converter gets terms wrong.
    simplified = models.CharField(
        _("Simplified Chinese"), max_length=120, help_text=_("The term as mainland readers write it.")
    )
    definition = models.TextField(
        _("definition"),
        validators=[BODY_LENGTH],
        help_text=_("What the article says the term means, in Markdown; nothing from elsewhere."),
    )
    part_of_speech = models.CharField(_("part of speech"), max_length=12, choices=PartOfSpeech.choices, blank=True)
    other_forms = models.TextField(
        _("other forms"),
        blank=True,
        validators=[SUMMARY_LENGTH],
        help_text=_(
            "Other ways texts write the term, one per line, in any script (電商下沉 for 下沉): "
            "their first use in a text links to this term too."
        ),
    )
    modes = models.ManyToManyField(
        "modes.OperationMode", related_name="terms", blank=True, verbose_name=_("operation modes that use it")
    )
    trends = models.ManyToManyField("trends.Trend", related_name="terms", blank=True, verbose_name=_("trends"))
    companies = models.ManyToManyField("modes.Company", related_name="terms", blank=True, verbose_name=_("companies"))
    # Where the term sits in a Chinese reader's list: the pinyin of its Traditional form, stored on save.
    term_pinyin = models.CharField(_("Chinese sort key"), max_length=255, editable=False, default="")

    bookkeeping_fields = ("term_pinyin",)  # derived: kept out of history (content.models)

    class Meta:
        ordering = ["slug"]
        indexes = [
            *content_indexes("term", Lower("term_en"), "slug"),  # English readers: by English term
            models.Index("status", "term_pinyin", "slug", name="term_status_pinyin"),
        ]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        permissions = [("publish_term", _("Can publish glossary term"))]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.term_pinyin = pinyin_sort_key(self.term_zh_hant)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "term_pinyin"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("glossary:term_detail", kwargs={"slug": self.slug})

    @property
    def forms(self):
        """Every written form a text may use: (language it is written in, form)."""
        found = [("en", self.term_en), ("zh-hant", self.term_zh_hant), ("zh-hans", self.simplified)]
        found += [(None, line.strip()) for line in (self.other_forms or "").splitlines()]
        return [(lang, form) for lang, form in found if form]
