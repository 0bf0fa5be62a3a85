"""Behaviour shared by every kind of record readers see (the kinds themselves: content.registry)."""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models, router, transaction
from django.db.models import F, Prefetch
from django.utils.translation import gettext_lazy as _

from .hygiene import LONGEST_TEXT, checked_text_fields, field_errors, text_errors
from .signals import address_changed, content_changed
from .tracking import TranslationTracked

# Bounds of content fields, checked by validators so that SQLite refuses what PostgreSQL's columns would,
# and a pasted book is a form error rather than a record too large to open (docs/editors.md).
SMALL_NUMBER = [MinValueValidator(0), MaxValueValidator(32767)]  # PostgreSQL smallint, not negative
SUMMARY_LENGTH = MaxLengthValidator(2000)
BODY_LENGTH = LONGEST_TEXT


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

    def update(self, **kwargs):
        """A bulk change (a shell's `.update(status="draft")`): the text rules for the values it writes, and, like a
        save, in one transaction with a new page-cache generation (refused when the cache cannot follow), so that
        readers never keep a page of what it changed. It records no history: that is what save() is for."""
        checked = {field.name: field for field in checked_text_fields(self.model)}
        errors = {
            name: found
            for name, value in kwargs.items()
            if name in checked and isinstance(value, str) and (found := field_errors(checked[name], value))
        }
        if errors:
            raise ValidationError(errors)
        with transaction.atomic(using=self.db):
            slugs_before = dict(self.values_list("pk", "slug")) if "slug" in kwargs else {}
            count = super().update(**kwargs)
            if slugs_before:
                renamed = self.model._default_manager.filter(pk__in=slugs_before)
                changes = [(record, slugs_before[record.pk]) for record in renamed]
                changes = [(record, old) for record, old in changes if record.slug != old]
                if changes:
                    address_changed.send(sender=self.model, changes=changes)
            if count:
                content_changed.send(sender=self.model)
        return count

    def bulk_create(self, objs, *args, **kwargs):
        """Many records at once (benchmarks, a shell): each held to the text rules, then one new page-cache
        generation."""
        objs = list(objs)
        for record in objs:
            if errors := text_errors(record):
                raise ValidationError(errors)
        with transaction.atomic(using=self.db):
            created = super().bulk_create(objs, *args, **kwargs)
            if created:
                address_changed.send(sender=self.model, changes=[(record, None) for record in created])
                content_changed.send(sender=self.model)
        return created

    def lock_for_delete(self):
        """Lock the rows before Django collects what goes with them: a link being saved at that moment then either
        waits and is refused as a form error (editors.forms), or commits first and is deleted with them; never a
        link to a record that is gone, failing the delete at commit (PostgreSQL)."""
        list(self.select_for_update().order_by("pk").values_list("pk", flat=True))

    def delete(self):
        with transaction.atomic(using=self.db):
            self.lock_for_delete()
            return super().delete()

    def get_by_natural_key(self, slug):
        # Fixtures refer to records by slug, so seeding can tell what already exists.
        return self.get(slug=slug)


class Publishable(TranslationTracked):
    """A record that is a draft until an editor publishes it (and can only be published complete).

    Its `key` names it outside the site (translation files): unlike the slug, it never changes and is never reused.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    # No index of its own (two values, half the table each): content_indexes() pairs it with each kind's order.
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # Random; a seeded record's is uuid5 of its fixture identity, so every installation agrees (fixtures/ hold it).
    key = models.UUIDField(_("stable key"), default=uuid.uuid4, unique=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def natural_key(self):
        return (self.slug,)

    def clean_fields(self, exclude=None):
        """Django's checks, and the text rules every path keeps (content.hygiene), as form errors per field."""
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, problems in text_errors(self, exclude or ()).items():
            errors.setdefault(name, []).extend(p for p in problems if p.messages[0] not in _messages(errors[name]))
        if errors:
            raise ValidationError(errors)

    def delete(self, *args, **kwargs):
        # Every path (the admin, a shell): the row locked first, as PublishableQuerySet.delete() does.
        with transaction.atomic(using=kwargs.get("using") or router.db_for_write(type(self), instance=self)):
            type(self)._default_manager.filter(pk=self.pk).lock_for_delete()
            return super().delete(*args, **kwargs)

    def save(self, *args, **kwargs):
        # Whoever saves — a form already checked it, a shell, a translation file, seed — the same rules hold: each
        # field's own (required, choices, bounds) and the text rules. (Publishing only complete records is the
        # editors' form's rule: a gap made otherwise shows as "incomplete" in the admin's translation status.)
        aliases = self.translated_field_names()  # modeltranslation's view of the current language, not a column
        self.clean_fields(
            exclude=[field.name for field in self._meta.concrete_fields if not field.editable or field.name in aliases]
        )
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # The rename and its redirect, or neither; a savepoint, so that a refused save (ChangeRefused from a
        # receiver, a constraint) leaves the caller's transaction usable: the admin shows a form error after it.
        with transaction.atomic(using=using):
            old_slug = self._stored_slug(kwargs.get("update_fields"))
            super().save(*args, **kwargs)
            if old_slug != self.slug:
                address_changed.send(sender=type(self), changes=[(self, old_slug)])

    def _stored_slug(self, update_fields):
        """The slug the database holds for this record before a save (None for a new one)."""
        if update_fields is not None and "slug" not in update_fields:
            return self.slug
        if self._state.adding or self.pk is None:
            return None
        return type(self)._default_manager.filter(pk=self.pk).values_list("slug", flat=True).first()

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED


def _messages(errors):
    return {message for error in errors for message in getattr(error, "messages", [error])}


def content_indexes(name, *order):
    """The indexes every kind of content needs, named after `name` (the model's name): (status, *order) for its
    lists, previous/next and sitemap, which then read a page of rows instead of sorting every published one, and
    partial indexes of the records with translation work (a few among many) for the admin's counts and filters.
    `order` may hold expressions, such as Lower("name_en")."""
    order = [F(field) if isinstance(field, str) else field for field in order]
    return [
        models.Index(F("status"), *order, name=f"{name}_status_order"[:30]),
        models.Index(fields=["id"], name=f"{name}_incomplete"[:30], condition=models.Q(translation_incomplete=True)),
        models.Index(fields=["id"], name=f"{name}_outdated"[:30], condition=models.Q(translation_outdated=True)),
    ]


def history_excluded_fields(model):
    """The bookkeeping columns every mixin of `model` declares: derived or checked on save, so not part of a
    record's history (restoring an old version must not roll back a lock counter or a search index)."""
    return [name for cls in model.__mro__ for name in cls.__dict__.get("bookkeeping_fields", ())]


class SeedRecord(models.Model):
    """A fixture record that seeding has delivered once, and so never delivers again.

    Its key is the record's slug in the fixture, which never changes: editors may rename the
    record, or delete it, and seeding still knows it has been there (docs/editors.md). Its texts
    say what seeding last delivered in each field (a digest): a field that still reads so follows
    a corrected fixture; one an editor changed stays the editor's (content.seeding).
    """

    model = models.CharField(_("kind of record"), max_length=100)  # app_label.model_name
    key = models.CharField(_("fixture key"), max_length=100)
    # The record it became; it may since have been deleted, which seeding must remember too.
    object_id = models.BigIntegerField(_("record id"), null=True)
    delivered_at = models.DateTimeField(_("delivered at"), auto_now_add=True)
    # {field: digest of its value as seeding delivered it}; a field not listed: see content.seeding.earlier_texts.
    texts = models.JSONField(_("texts as delivered"), default=dict, blank=True)

    class Meta:
        ordering = ["model", "key"]
        constraints = [models.UniqueConstraint(fields=["model", "key"], name="one_delivery_per_fixture_record")]
        verbose_name = _("seeded record")
        verbose_name_plural = _("seeded records")

    def __str__(self):
        return f"{self.model} {self.key}"


class SeedRelation(models.Model):
    """A link between two fixture records that seeding has delivered once, and so never delivers again.

    Both ends are named by their fixture keys (SeedRecord). An editor may remove the link; seeding then
    leaves it removed, and delivers only links the fixtures gained since (docs/editors.md).
    """

    model = models.CharField(_("kind of record"), max_length=100)  # app_label.model_name of the linking record
    key = models.CharField(_("fixture key"), max_length=100)
    field = models.CharField(_("relation"), max_length=100)  # the many-to-many field's name
    target_key = models.CharField(_("fixture key of the linked record"), max_length=100)
    delivered_at = models.DateTimeField(_("delivered at"), auto_now_add=True)

    class Meta:
        ordering = ["model", "key", "field", "target_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["model", "key", "field", "target_key"], name="one_delivery_per_fixture_relation"
            )
        ]
        verbose_name = _("seeded link")
        verbose_name_plural = _("seeded links")

    def __str__(self):
        return f"{self.model} {self.key}.{self.field} → {self.target_key}"
