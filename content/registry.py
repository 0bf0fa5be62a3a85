"""The kinds of content readers see, each declared once, beside its model.

A content model says here which field is its title and which are its readable texts (searched, shown
side by side), where its seed records are, where its list page is and how the admin shows it.
Everything that works on "all the content" (search, the sitemap, seeding, the editors' admin and
role, the page cache) asks this registry instead of naming models, so a new kind of content is one
decorator away and no shared app imports an app above it.

    @register(title_field="name", text_fields=("summary", "body"), position=1, fixture="modes.json",
              list_url_name="modes:mode_list", admin_options="modes.admin.OperationModeAdmin")
    class OperationMode(Publishable, Searchable): ...
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ContentKind:
    model: type
    title_field: str  # translated, plain text: headings, <title>, search hits
    text_fields: tuple  # translated, after the title, in reading order; Markdown where the model says so
    position: int  # where this kind comes in search results, the sitemap and the admin's translation work
    fixture: str  # file in fixtures/ holding its seed records
    list_url_name: str  # the reader's list of every record of this kind
    admin_options: str  # dotted path of its ModelAdmin options; editors registers them with EditorialAdmin
    has_own_pages: bool = True  # False: its records are parts of one page (the list page), each at an #anchor

    @property
    def reading_fields(self):
        """The title, then the texts: what a reader reads, searches and sees side by side."""
        return (self.title_field, *self.text_fields)


_kinds = {}


def register(*, title_field, text_fields, position, fixture, list_url_name, admin_options, has_own_pages=True):
    """Class decorator: declare a model as a kind of content."""

    def declare(model):
        _kinds[model] = ContentKind(
            model=model,
            title_field=title_field,
            text_fields=tuple(text_fields),
            position=position,
            fixture=fixture,
            list_url_name=list_url_name,
            admin_options=admin_options,
            has_own_pages=has_own_pages,
        )
        return model

    return declare


def content_kinds():
    """Every kind of content, in reading order (position)."""
    return sorted(_kinds.values(), key=lambda kind: kind.position)


def content_models():
    return [kind.model for kind in content_kinds()]


def kind_of(model_or_record):
    """The ContentKind of a content model or record; None for anything else."""
    model = model_or_record if isinstance(model_or_record, type) else type(model_or_record)
    return _kinds.get(model._meta.concrete_model) if hasattr(model, "_meta") else None


def is_content(model_or_record):
    return kind_of(model_or_record) is not None


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
