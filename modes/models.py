from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from article.models import DrawsOnArticle
from bilingual.pinyin import pinyin_sort_key
from content.models import BODY_LENGTH, SMALL_NUMBER, SUMMARY_LENGTH, Publishable, content_indexes
from content.registry import register
from search.models import Searchable


@register(
    title_field="name",
    text_fields=("summary", "body", "background"),
    position=1,
    fixture="modes.json",
    list_url_name="modes:mode_list",
    markdown_fields=("body", "background"),
    schema_type="DefinedTerm",
)
class OperationMode(DrawsOnArticle, Publishable, Searchable):  # Publishable first: its checks precede the index
    """One of the article's five e-commerce operation modes (B2B, B2C, C2B, C2C, O2O)."""

    code = models.CharField(_("code"), max_length=8, unique=True, help_text=_("For example B2C."))
    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, validators=SMALL_NUMBER, help_text=_("Position in lists.")
    )
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(
        _("summary"), validators=[SUMMARY_LENGTH], help_text=_("One or two sentences shown in lists.")
    )
    body = models.TextField(_("body"), validators=[BODY_LENGTH], help_text=_("Full text, in Markdown."))
    seller_side = models.CharField(_("seller side"), max_length=120)
    buyer_side = models.CharField(_("buyer side"), max_length=120)

    class Meta:
        ordering = ["order", "code"]
        indexes = [
            *content_indexes("mode", "order", "code"),
            models.Index(fields=["order", "code"], name="mode_order"),  # the admin's list, drafts included
        ]
        verbose_name = _("operation mode")
        verbose_name_plural = _("operation modes")
        permissions = [("publish_operationmode", _("Can publish operation mode"))]

    def __str__(self):
        return f"{self.code} · {self.name}"

    def search_values(self):
        return [self.code, *super().search_values()]

    def get_absolute_url(self):
        return reverse("modes:mode_detail", kwargs={"slug": self.slug})


@register(
    title_field="name",
    text_fields=("description", "background"),
    position=3,
    fixture="companies.json",
    list_url_name="modes:company_list",
    markdown_fields=("description", "background"),
    schema_type="Organization",
)
class Company(DrawsOnArticle, Publishable, Searchable):  # Publishable first: its checks precede the index
    """A company the article names: what the article says of it, editors' background apart."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"),
        validators=[SUMMARY_LENGTH],
        help_text=_("What the article says about the company, and nothing more."),
    )
    website = models.URLField(_("website"), blank=True)
    modes = models.ManyToManyField(
        OperationMode, related_name="companies", blank=True, verbose_name=_("operation modes")
    )
    # Where the company sits in a Chinese reader's list: the pinyin of its Chinese name (modes.selectors),
    # stored on save so that the list is read from an index a page at a time.
    name_pinyin = models.CharField(_("Chinese sort key"), max_length=255, editable=False, default="")

    bookkeeping_fields = ("name_pinyin",)  # derived: kept out of history (content.models)

    class Meta:
        ordering = ["slug"]
        indexes = [
            *content_indexes("company", Lower("name_en"), "slug"),  # English readers: by English name
            models.Index("status", "name_pinyin", "slug", name="company_status_pinyin"),
        ]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        permissions = [("publish_company", _("Can publish company"))]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_pinyin = pinyin_sort_key(self.name_zh_hant)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_pinyin"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("modes:company_detail", kwargs={"slug": self.slug})
