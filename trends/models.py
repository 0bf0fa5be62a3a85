from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from article.models import DrawsOnArticle
from content.models import BODY_LENGTH, SMALL_NUMBER, SUMMARY_LENGTH, Publishable, content_indexes
from content.registry import register
from search.models import Searchable


@register(
    title_field="title",
    text_fields=("summary", "body", "background"),
    position=2,
    fixture="trends.json",
    list_url_name="trends:trend_list",
    markdown_fields=("body", "background"),
    schema_type="Article",
)
class Trend(DrawsOnArticle, Publishable, Searchable):  # Publishable first: its checks precede the index
    """One of the article's ten numbered development trends of Chinese e-commerce (written in 2014, by inference)."""

    number = models.PositiveSmallIntegerField(
        _("number"), unique=True, validators=[*SMALL_NUMBER, MinValueValidator(1)]
    )
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), validators=[SUMMARY_LENGTH], help_text=_("One or two sentences shown in lists.")
    )
    body = models.TextField(_("body"), validators=[BODY_LENGTH], help_text=_("Full text, in Markdown."))
    modes = models.ManyToManyField(
        "modes.OperationMode", related_name="trends", blank=True, verbose_name=_("related modes")
    )
    companies = models.ManyToManyField(
        "modes.Company", related_name="trends", blank=True, verbose_name=_("companies named")
    )

    class Meta:
        ordering = ["number"]
        indexes = content_indexes("trend", "number")
        verbose_name = _("trend")
        verbose_name_plural = _("trends")
        permissions = [("publish_trend", _("Can publish trend"))]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("trends:trend_detail", kwargs={"slug": self.slug})
