"""How the article's paragraphs look in the admin, on the editors' workflow (editors.admin.EditorialAdmin)."""

from django.contrib import admin

from editors.admin import EditorialAdmin

from .models import ArticleParagraph


@admin.register(ArticleParagraph)
class ArticleParagraphAdmin(EditorialAdmin):
    list_display = ("number", "slug", "heading", "status", "updated_at")
    list_display_links = ("number", "slug")
    list_filter = ("status",)
    search_fields = ("slug", "heading_en", "heading_zh_hant", "text_en", "text_zh_hant")

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # Once a paragraph exists, its place and the anchor records cite stay as they are.
        return [*readonly, "number", "slug"] if obj is not None else readonly
