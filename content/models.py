"""Behaviour shared by every kind of record readers see (the kinds themselves: content.registry)."""

from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from .tracking import TranslationTracked


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """The one definition of what readers may see."""
        return self.filter(status=Publishable.Status.PUBLISHED)

    def prefetch_published(self, *relations):
        """Prefetch these relations' published records only: drafts are never linked to readers."""
        return self.prefetch_related(
            *(
                Prefetch(name, queryset=self.model._meta.get_field(name).related_model.objects.published())
                for name in relations
            )
        )

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

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


def history_excluded_fields(model):
    """The bookkeeping columns every mixin of `model` declares: derived or checked on save, so not part of a
    record's history (restoring an old version must not roll back a lock counter or a search index)."""
    return [name for cls in model.__mro__ for name in cls.__dict__.get("bookkeeping_fields", ())]
