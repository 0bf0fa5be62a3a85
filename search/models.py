"""What makes a kind of content searchable: a folded copy of its text, kept up to date on every save."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from content.registry import kind_of

from .folding import index_text
from .terms import from_token, token


class Searchable(models.Model):
    """Mixin for a registered content model (content.registry): its reading fields, in both languages, folded
    into one column that a query is matched against (search.query)."""

    search_text = models.TextField(_("search text"), editable=False, default="")

    bookkeeping_fields = ("search_text",)  # derived: kept out of history (content.models)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = index_text(self.search_values())
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def search_values(self):
        """Every value a reader may search for: each reading field in each language."""
        return [
            getattr(self, build_localized_fieldname(name, lang))
            for name in kind_of(self).reading_fields
            for lang in settings.MODELTRANSLATION_LANGUAGES
        ]


def fill_search_text(model, field_names):
    """Recompute `search_text` for every row of `model` from the named columns (for migrations, whose
    historical models have no save() of ours)."""
    for record in model.objects.only("pk", *field_names):
        record.search_text = index_text(getattr(record, name) for name in field_names)
        model.objects.filter(pk=record.pk).update(search_text=record.search_text)


class TermsField(models.Field):
    """A record's terms (search.terms), hashed: `integer[]` on PostgreSQL (a GIN index serves `@>`), on
    SQLite text of space-separated tokens that an FTS5 table mirrors (search.backends)."""

    description = "hashed search terms"

    def db_type(self, connection):
        return "integer[]" if connection.vendor == "postgresql" else "text"

    def get_db_prep_value(self, value, connection, prepared=False):
        value = sorted(set(value or ()))
        if connection.vendor == "postgresql":
            return value
        return " ".join(token(number) for number in value)

    def from_db_value(self, value, expression, connection):
        if value is None or isinstance(value, list):
            return value or []
        return [from_token(text) for text in value.split()]

    def to_python(self, value):
        if isinstance(value, str):
            return [from_token(text) for text in value.split()]
        return list(value or [])


@TermsField.register_lookup
class HasTerms(models.Lookup):
    """`terms__has_terms=[…]`: the row holds every one of these terms (PostgreSQL; SQLite asks FTS5 instead)."""

    lookup_name = "has_terms"

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [sorted(set(value))])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} @> {rhs}::integer[]", [*lhs_params, *rhs_params]


class SearchEntry(models.Model):
    """One published record as search finds it: its text folded (search.folding) three ways, for ranking —
    the title, the title and summary, everything — each with its terms (search.terms) for the index.

    Search looks here only, never at the content tables, so its cost follows the matches, not the size of
    the site. search.index keeps it right on every write (and `manage.py reindexsearch` rebuilds it);
    only published records have an entry.
    """

    # position, content type, record id (search.index.entry_id): the order of ids is the order of results within a
    # rank, so a database can read candidates in id order and stop at the last one a page needs.
    id = models.BigIntegerField(primary_key=True)
    kind = models.CharField(_("kind of record"), max_length=100)  # app_label.model_name
    object_id = models.BigIntegerField(_("record id"))
    position = models.PositiveSmallIntegerField(_("kind's position"))  # content.registry: order among kinds
    title = models.TextField(_("folded title"))
    head = models.TextField(_("folded title and summary"))
    text = models.TextField(_("folded text"))
    title_terms = TermsField()
    head_terms = TermsField()
    terms = TermsField()

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="one_search_entry_per_record")]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self):
        return f"{self.kind} {self.object_id}"
