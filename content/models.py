"""Behaviour shared by every kind of record readers see."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from search.query import index_text

from .tracking import TranslationTracked

# Bookkeeping columns, derived or checked on save: not part of a record's history.
HISTORY_EXCLUDED_FIELDS = ["version", "translation_baseline", "search_text"]


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see."""
        return self.filter(status=Publishable.Status.PUBLISHED)

    def search(self, query):
        """Published records matching an search.query.Query (the matching rule lives there)."""
        return self.published().filter(query.condition()).defer("search_text")

    def get_by_natural_key(self, slug):
        # Fixtures refer to records by slug, so seeding can tell what already exists.
        return self.get(slug=slug)


class Publishable(TranslationTracked):
    """A record that is a draft until an editor publishes it (and can only be published complete)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Kept up to date by save(); what search.query matches a query against.
    search_text = models.TextField(_("search text"), editable=False, default="")

    # The translated fields readers search and can read side by side; the first is the title.
    text_fields = ()

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def search_values(self):
        """Every value a reader may search for: each text field in each language."""
        return [
            getattr(self, build_localized_fieldname(name, lang))
            for name in self.text_fields
            for lang in settings.MODELTRANSLATION_LANGUAGES
        ]

    def save(self, *args, **kwargs):
        self.search_text = index_text(self.search_values())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


class SeedRecord(models.Model):
    """A fixture record that seeding has delivered once, and so never delivers again.

    Its key is the record's slug in the fixture, which never changes: editors may rename the
    record, or delete it, and seeding still knows it has been there (README, "Editors").
    """

    model = models.CharField(_("kind of record"), max_length=100)  # app_label.model_name
    key = models.CharField(_("fixture key"), max_length=100)
    # The record it became; it may since have been deleted, which seeding must remember too.
    object_id = models.BigIntegerField(_("record id"), null=True)
    delivered_at = models.DateTimeField(_("delivered at"), auto_now_add=True)

    class Meta:
        ordering = ["model", "key"]
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="one_delivery_per_fixture_record")]
        verbose_name = _("seeded record")
        verbose_name_plural = _("seeded records")

    def __str__(self):
        return f"{self.model} {self.key}"
