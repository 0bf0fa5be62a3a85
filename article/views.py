from dataclasses import dataclass

from django.db import connection
from django.views.generic import ListView
from modeltranslation.utils import build_localized_fieldname

from bilingual.chinese import for_reader
from bilingual.reading import columns
from bilingual.text import english_with_chinese_marked

from .models import ArticleParagraph

CITED_BY_LIMIT = 12  # records named under each paragraph, of each kind (a paragraph may be cited by thousands)


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
    """{paragraph id: up to `limit` published records of one kind that cite it}, in two queries whatever the
    number of records: the first `limit` links of each paragraph, each read along the link table's index on
    the paragraph (one UNION ALL of small LIMITed reads), then those records by primary key."""
    if not paragraph_ids:
        return {}
    quote = connection.ops.quote_name
    field, model = relation.field, relation.related_model
    link, record = quote(field.m2m_db_table()), quote(model._meta.db_table)
    own, paragraph = quote(field.m2m_column_name()), quote(field.m2m_reverse_name())
    read = (
        f"SELECT * FROM (SELECT l.{paragraph} AS paragraph_id, l.{own} AS record_id FROM {link} l "
        f"INNER JOIN {record} r ON r.{quote(model._meta.pk.column)} = l.{own} "
        f"WHERE l.{paragraph} = %s AND r.{quote('status')} = %s LIMIT {int(limit)}) AS p{{}}"
    )
    sql = " UNION ALL ".join(read.format(index) for index in range(len(paragraph_ids)))
    params = [value for pk in paragraph_ids for value in (pk, model.Status.PUBLISHED)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        links = cursor.fetchall()
    records = model.objects.published().in_bulk({record_id for _paragraph, record_id in links})
    ordering = model._meta.ordering
    found = {}
    for paragraph_id, record_id in links:
        if record_id in records:
            found.setdefault(paragraph_id, []).append(records[record_id])
    return {
        pk: sorted(citing, key=lambda record: tuple(getattr(record, name) for name in ordering))
        for pk, citing in found.items()
    }


def citing_relations():
    """The relations through which records (modes, trends, companies…) cite a paragraph.

    Found rather than listed: this app sits below the apps whose records cite it.
    """
    return [rel for rel in ArticleParagraph._meta.related_objects if rel.many_to_many and rel.field.name == "sources"]


class ArticleView(ListView):
    """The source article, whole: every paragraph in the original Chinese beside its English translation."""

    template_name = "article/article.html"
    context_object_name = "paragraphs"
    include_drafts = False  # True for editors' preview of a paragraph (editors/views.py)

    def get_queryset(self):
        return ArticleParagraph.objects.all() if self.include_drafts else ArticleParagraph.objects.published()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cols = columns()
        paragraphs = list(context["paragraphs"])
        citing = [cited_by([paragraph.pk for paragraph in paragraphs], rel) for rel in citing_relations()]
        context["columns"] = cols
        rows, in_section = [], False
        for paragraph in paragraphs:
            row = Row(
                paragraph,
                [Version.of(paragraph, column) for column in cols],
                [record for by_kind in citing for record in by_kind.get(paragraph.pk, [])],
            )
            in_section = in_section or row.opens_section
            row.heading_level = 3 if in_section else 2
            rows.append(row)
        context["rows"] = rows
        return context
