"""Old addresses and where they lead now (as django.contrib.redirects and Wagtail's redirects keep them)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from content.registry import is_content

from . import paths


class RedirectQuerySet(models.QuerySet):
    def to_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(record), record_key=record.key)

    def with_records(self):
        """These redirects as a list, each with `record` set (the record it leads to, or None): one query per kind
        of record among them, not one per row (the admin's list)."""
        redirects = list(self)
        wanted = {}
        for redirect in redirects:
            if redirect.record_key is not None:
                wanted.setdefault(redirect.content_type_id, set()).add(redirect.record_key)
        found = {}
        for content_type_id, keys in wanted.items():
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None and is_content(model):
                found.update({(content_type_id, r.key): r for r in model._default_manager.filter(key__in=keys)})
        for redirect in redirects:
            redirect.record = found.get((redirect.content_type_id, redirect.record_key))
        return redirects


class Redirect(models.Model):
    """An address readers may still follow: a 404 there answers 301 to a record's current page (in the same
    language), or to another address of the site.

    A record is named by its kind and stable key (content.models.Publishable.key), never by its slug: so a record
    renamed twice leads every old address to its newest one, and a deleted record takes its redirects with it
    (redirects.signals). A row never holds the address of a record that exists: one given that address takes it.
    """

    old_path = models.CharField(
        _("old address"),
        max_length=paths.MAX_PATH,
        unique=True,
        help_text=_("The address readers may still have, e.g. /modes/c2b/, for every language at once."),
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("kind of record"), null=True, blank=True, on_delete=models.CASCADE
    )
    record_key = models.UUIDField(_("record's stable key"), null=True, blank=True)
    target_path = models.CharField(
        _("new address"),
        max_length=paths.MAX_PATH,
        blank=True,
        help_text=_("Another address of the site, when the redirect leads to no record."),
    )
    automatic = models.BooleanField(_("left by a rename"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_path"]
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        indexes = [models.Index(fields=["content_type", "record_key"], name="redirect_record")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(content_type__isnull=False, record_key__isnull=False, target_path="")
                    | (Q(content_type__isnull=True, record_key__isnull=True) & ~Q(target_path=""))
                ),
                name="redirect_to_a_record_or_an_address",
            )
        ]

    def __str__(self):
        return f"{self.old_path} → {self.target_path or self.record_key}"

    def clean(self):
        """The rules every redirect an editor makes keeps (the admin's form adds: no loops)."""
        if not self.old_path:
            return  # the field's own error (required, or refused by the form): nothing more to say
        self.old_path = paths.normalise(self.old_path)
        if self.target_path:
            self.target_path = paths.normalise(self.target_path)
        problems = {
            name: found for name in ("old_path", "target_path") if (found := paths.path_problems(getattr(self, name)))
        }
        if problems:
            raise ValidationError(problems)
        if self.old_path == "/":
            raise ValidationError({"old_path": _("The home page cannot be redirected.")})
        record, live = paths.page_at(self.old_path)
        if record is not None:
            raise ValidationError(
                {
                    "old_path": _("This is the address of “%(record)s”: readers would never be redirected.")
                    % {"record": record}
                }
            )
        if live:
            raise ValidationError({"old_path": _("This is the address of a page of the site: it cannot redirect.")})

    def set_target(self, record=None, path=""):
        if record is not None:
            self.content_type = ContentType.objects.get_for_model(record)
            self.record_key, self.target_path = record.key, ""
        else:
            self.content_type, self.record_key, self.target_path = None, None, path

    def target_record(self, published_only=True):
        """The record this redirect leads to (published ones only, unless asked), or None."""
        if self.record_key is None:
            return None
        model = self.content_type.model_class()
        if model is None or not is_content(model):
            return None
        records = model._default_manager.published() if published_only else model._default_manager.all()
        return records.filter(key=self.record_key).first()
