"""The kinds of content readers see, each declared once, beside its model.

A content model says here which field is its title and which are its readable texts (searched, shown
side by side, sent to translators), which of those are Markdown, where its seed records are and where its
list page is. Everything that works on "all the content" (search, the sitemap, seeding, translation files,
the editors' role and permissions, the page cache, the layer contracts) asks this registry instead of
naming models, so a new kind of content is one decorator away and no shared app imports an app above it.
content.checks refuses a declaration that cannot work (`manage.py check`).

    @register(title_field="name", text_fields=("summary", "body"), markdown_fields=("body",), position=1,
              fixture="modes.json", list_url_name="modes:mode_list")
    class OperationMode(Publishable, Searchable): ...

Its admin is the app's own (admin.py: `@admin.register(OperationMode)` on a subclass of
editors.admin.EditorialAdmin); editors.checks refuses a kind without one.
"""

from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings

# A kind's app sits on this layer of the import contracts unless its AppConfig names another (ecomkb.layers).
KINDS_LAYER = "kinds"


@dataclass(frozen=True)
class ContentKind:
    model: type
    title_field: str  # translated, plain text: headings, <title>, search hits
    text_fields: tuple  # translated, after the title, in reading order
    position: int  # where this kind comes in search results, the sitemap and the admin's translation work (1-127)
    fixture: str  # file holding its seed records: in the app's fixtures/, else in the project's (fixture_path)
    list_url_name: str  # the reader's list of every record of this kind
    markdown_fields: tuple = ()  # those of text_fields readers see rendered from Markdown (translators are told)
    has_own_pages: bool = True  # False: its records are parts of one page (the list page), each at an #anchor
    schema_type: str = "Thing"  # what a record is in schema.org's vocabulary (its page's structured data)

    @property
    def reading_fields(self):
        """The title, then the texts: what a reader reads, searches, sees side by side and translators translate."""
        return (self.title_field, *self.text_fields)

    @property
    def fixture_path(self):
        """Its seed records' file: in its app's fixtures/ directory (as loaddata looks), else in the project's."""
        own = Path(apps.get_app_config(self.model._meta.app_label).path) / "fixtures" / self.fixture
        return own if own.is_file() else Path(settings.BASE_DIR) / "fixtures" / self.fixture

    @property
    def label(self):
        return self.model._meta.label_lower


_kinds = {}


def register(
    *,
    title_field,
    text_fields,
    position,
    fixture,
    list_url_name,
    markdown_fields=(),
    has_own_pages=True,
    schema_type="Thing",
):
    """Class decorator: declare a model as a kind of content (content.checks says what a valid declaration is)."""

    def declare(model):
        _kinds[model] = ContentKind(
            model=model,
            title_field=title_field,
            text_fields=tuple(text_fields),
            position=position,
            fixture=fixture,
            list_url_name=list_url_name,
            markdown_fields=tuple(markdown_fields),
            has_own_pages=has_own_pages,
            schema_type=schema_type,
        )
        return model

    return declare


def content_kinds():
    """Every kind of content, in reading order (position)."""
    return sorted(_kinds.values(), key=lambda kind: (kind.position, kind.label))


def content_models():
    return [kind.model for kind in content_kinds()]


def kind_of(model_or_record):
    """The ContentKind of a content model or record; None for anything else."""
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    return _kinds.get(model._meta.concrete_model) if hasattr(model, "_meta") else None


def is_content(model_or_record):
    return kind_of(model_or_record) is not None


def is_markdown(model_or_record, field_name):
    """Whether readers see this field of this kind rendered from Markdown."""
    kind = kind_of(model_or_record)
    return kind is not None and field_name in kind.markdown_fields


def content_app_labels():
    """The apps that declare at least one kind of content."""
    return sorted({kind.model._meta.app_label for kind in _kinds.values()})


def seeding_order():
    """Every kind, each after the kinds its relations point to (so fixtures can name them by slug)."""
    ordered, pending = [], content_kinds()
    while pending:
        for kind in pending:
            fields = kind.model._meta.get_fields()
            targets = {field.related_model for field in fields if field.is_relation and not field.auto_created}
            if all(target not in _kinds or target is kind.model or _kinds[target] in ordered for target in targets):
                ordered.append(kind)
                pending.remove(kind)
                break
        else:
            raise ValueError(f"content kinds refer to each other in a circle: {[k.model.__name__ for k in pending]}")
    return ordered
