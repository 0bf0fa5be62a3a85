from dataclasses import dataclass

from django.db import connection
from django.db.models.query import RawQuerySet
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.generic import ListView
from modeltranslation.utils import build_localized_fieldname

from bilingual.chinese import for_reader
from bilingual.reading import columns
from bilingual.text import english_with_chinese_marked

from .models import ArticleParagraph
from .reads import PreparedRead, published_by_slug, published_related, shown_fields, shown_in_links

CITED_BY_LIMIT = 12  # records named under each paragraph, of each kind (a paragraph may be cited by thousands)
CITED_PARAGRAPH = "cited_paragraph_id"  # the column cited_by reads the cited paragraph's id into


@dataclass
class Version:
    """A paragraph in one language, as this reader reads it (Chinese in their script)."""

    column: object  # bilingual.reading.Column
    section_heading: str
    heading: str
    text: str
    note: str

    @classmethod
    def of(cls, paragraph, column):
        stored = "en" if column.code == "en" else "zh-hant"

        def text(field):
            value = for_reader(getattr(paragraph, build_localized_fieldname(field, stored)) or "", stored)[0]
            return english_with_chinese_marked(value) if stored == "en" else value  # 刷牆 in a note is Chinese

        return cls(column, text("section_heading"), text("heading"), text("text"), text("note"))


@dataclass
class Row:
    paragraph: ArticleParagraph
    versions: list  # one Version per column, the reader's language first
    cited_by: list  # published records that draw on this paragraph
    heading_level: int = 3  # 2 before the article's first section heading (the definition), else 3

    @property
    def opens_section(self):
        return any(version.section_heading for version in self.versions)


def cited_by(paragraph_ids, relation, limit=CITED_BY_LIMIT):
    """{paragraph id: up to `limit` published records of one kind that cite it}, in one query whatever the number
    of records: the first `limit` links of each paragraph, each read along the link table's index on the paragraph
    with what a link shows of its record (one UNION ALL of small LIMITed reads)."""
    if not paragraph_ids:
        return {}
    quote = connection.ops.quote_name
    field, model = relation.field, relation.related_model
    link, record = quote(field.m2m_db_table()), quote(model._meta.db_table)
    own, paragraph = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
    record_pk = quote(model._meta.pk.column)
    shown = ", ".join(f"r.{quote(model._meta.get_field(name).column)}" for name in shown_in_links(model))
    read = (
        f"SELECT * FROM (SELECT l.{paragraph} AS {CITED_PARAGRAPH}, r.{record_pk}, {shown} FROM {link} l "
        f"INNER JOIN {record} r ON r.{record_pk} = l.{own} "
        f"WHERE l.{paragraph} = %s AND r.{quote('status')} = %s LIMIT {int(limit)}) AS p{{}}"
    )
    sql = " UNION ALL ".join(read.format(index) for index in range(len(paragraph_ids)))
    params = [value for pk in paragraph_ids for value in (pk, model.Status.PUBLISHED)]
    found = {}
    for citing in RawQuerySet(sql, model=model, params=params):  # each with the paragraph it cites
        found.setdefault(getattr(citing, CITED_PARAGRAPH), []).append(citing)
    ordering = model._meta.ordering
    return {
        pk: sorted(citing, key=lambda record: tuple(getattr(record, name) for name in ordering))
        for pk, citing in found.items()
    }


def citing_relations():
    """The relations through which records (modes, trends, companies…) cite a paragraph.

    Found rather than listed: this app sits below the apps whose records cite it.
    """
    return [rel for rel in ArticleParagraph._meta.related_objects if rel.many_to_many and rel.field.name == "sources"]


class DrawsOnArticlePageMixin:
    """The page of a record that draws on the article (a DetailView), kept whole for what it shows: the record, the
    paragraphs it draws on and every value the view adds to the context (templates/base.html's fragment). An
    editor's preview, drafts included, is rendered afresh."""

    def get_object(self, queryset=None):
        """The published record the address names, by a read compiled once (article.reads); drafts too for an
        editor's preview, as PublishedMixin reads them."""
        if queryset is not None or getattr(self, "include_drafts", False):
            return super().get_object(queryset)
        found = published_by_slug(self.model, self.kwargs[self.slug_url_kwarg])
        if found is None:
            message = _("No %(verbose_name)s found matching the query")  # as DetailView says it
            raise Http404(message % {"verbose_name": self.model._meta.verbose_name})
        return found

    def related(self, name):
        """Up to RELATED_LIMIT published records of the record's relation `name`, read as far as links show them."""
        return published_related(self.object, name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not getattr(self, "include_drafts", False):
            added = [value for name, value in sorted(kwargs.items()) if name != "object"]
            context["page_shows"] = [self.object, self.object.published_sources, *added]
        return context


# Every published paragraph, with all a reader sees of it (a read compiled once: article.reads).
published_paragraphs = PreparedRead(lambda: ArticleParagraph.objects.published().only(*shown_fields(ArticleParagraph)))


class ArticleView(ListView):
    """The source article, whole: every paragraph in the original Chinese beside its English translation."""

    model = ArticleParagraph  # the kind the page shows (its structured data says so: opendata.structured_data)
    template_name = "article/article.html"
    context_object_name = "paragraphs"
    include_drafts = False  # True for editors' preview of a paragraph (editors/views.py)

    def get_queryset(self):
        return ArticleParagraph.objects.all() if self.include_drafts else published_paragraphs()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paragraphs = list(context["paragraphs"])
        citing = [cited_by([paragraph.pk for paragraph in paragraphs], rel) for rel in citing_relations()]
        cited = [[record for by_kind in citing for record in by_kind.get(paragraph.pk, [])] for paragraph in paragraphs]
        context["columns"] = cols = columns()
        # Built only if the page is rendered: a page kept whole (templates/base.html) needs none of it.
        context["rows"] = SimpleLazyObject(lambda: article_rows(paragraphs, cited, cols))
        if not self.include_drafts:  # kept whole for these (templates/base.html's fragment); a preview is not
            context["page_shows"] = [paragraphs, cited]
        return context


def article_rows(paragraphs, cited, cols):
    """A Row per paragraph: its versions in `cols`, the records citing it (`cited`, in the same order)."""
    rows, in_section = [], False
    for paragraph, citing in zip(paragraphs, cited, strict=True):
        row = Row(paragraph, [Version.of(paragraph, column) for column in cols], citing)
        in_section = in_section or row.opens_section
        row.heading_level = 3 if in_section else 2
        rows.append(row)
    return rows
