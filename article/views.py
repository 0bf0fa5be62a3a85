from dataclasses import dataclass

from django.db.models import Prefetch
from django.views.generic import ListView
from modeltranslation.utils import build_localized_fieldname

from bilingual.chinese import for_reader
from bilingual.reading import columns
from bilingual.text import english_with_chinese_marked

from .models import ArticleParagraph


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
        paragraphs = ArticleParagraph.objects.all() if self.include_drafts else ArticleParagraph.objects.published()
        return paragraphs.prefetch_related(
            *(
                Prefetch(rel.get_accessor_name(), queryset=rel.related_model.objects.published())
                for rel in citing_relations()
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        cols = columns()
        relations = citing_relations()
        context["columns"] = cols
        rows, in_section = [], False
        for paragraph in context["paragraphs"]:
            row = Row(
                paragraph,
                [Version.of(paragraph, column) for column in cols],
                [record for rel in relations for record in getattr(paragraph, rel.get_accessor_name()).all()],
            )
            in_section = in_section or row.opens_section
            row.heading_level = 3 if in_section else 2
            rows.append(row)
        context["rows"] = rows
        return context
