from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from content.models import Publishable

# Bounds checked by validators, so that SQLite refuses what PostgreSQL's columns would, and a
# pasted book is a form error rather than a page too large to open (README, "Editors").
SMALL_NUMBER = [MinValueValidator(0), MaxValueValidator(32767)]  # PostgreSQL smallint, not negative
SUMMARY_LENGTH = MaxLengthValidator(2000)
BODY_LENGTH = MaxLengthValidator(100_000)


class OperationMode(Publishable):
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

    text_fields = ("name", "summary", "body")

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("operation mode")
        verbose_name_plural = _("operation modes")
        permissions = [("publish_operationmode", _("Can publish operation mode"))]

    def __str__(self):
        return f"{self.code} · {self.name}"

    def search_values(self):
        return [self.code, *super().search_values()]

    def get_absolute_url(self):
        return reverse("modes:mode_detail", kwargs={"slug": self.slug})


class Company(Publishable):
    """A company the article names, with the modes it exemplifies."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(
        _("description"), validators=[SUMMARY_LENGTH], help_text=_("A short, accurate description.")
    )
    website = models.URLField(_("website"), blank=True)
    modes = models.ManyToManyField(
        OperationMode, related_name="companies", blank=True, verbose_name=_("operation modes")
    )

    text_fields = ("name", "description")

    class Meta:
        ordering = ["slug"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        permissions = [("publish_company", _("Can publish company"))]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("modes:company_detail", kwargs={"slug": self.slug})
