"""What makes a kind of content searchable: a folded copy of its text, kept up to date on every save."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from content.registry import kind_of

from .folding import index_text


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
