"""The editors' workflow for every kind of content (content.registry): history, preview, publishing, translation
status. Each kind's app registers its own admin, a subclass of EditorialAdmin, in its admin.py:

    @admin.register(Trend)
    class TrendAdmin(EditorialAdmin):
        list_display = ("number", "title", "status", "updated_at")

editors sits below the kinds in the layer contracts (ecomkb.layers), so their admin modules may import it;
editors.checks refuses a kind whose admin is missing or is not an EditorialAdmin."""

import dataclasses

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import ForeignObjectRel, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import build_localized_fieldname
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from bilingual.languages import content_language, html_lang
from content.models import Publishable
from content.registry import kind_of
from content.signals import ChangeRefused
from content.translation_status import CONTENT_LANGUAGES
from search.query import Query, ranked_entries

from .diff import inline_diff
from .forms import ChosenRecordsField, EditorialForm, field_label, language_name
from .views import preview


class TranslationStatusFilter(admin.SimpleListFilter):
    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [
            ("outdated", _("May be out of date")),
            ("incomplete", _("Incomplete")),
            ("complete", _("Complete and in step")),
        ]

    def queryset(self, request, queryset):
        # The flags each save stores (content.tracking) from the rules in content.translation_status.
        filters = {
            "outdated": {"translation_outdated": True},
            "incomplete": {"translation_incomplete": True},
            "complete": {"translation_outdated": False, "translation_incomplete": False},
        }
        return queryset.filter(**filters[self.value()]) if self.value() in filters else queryset


class CappedCountPaginator(Paginator):
    """Counts the rows of a changelist up to CAP only: a count of a million rows is a read of a million rows
    on every page of the list. Past CAP the changelist says that the first CAP are listed (change_list.html)."""

    CAP = 10_000

    @cached_property
    def count(self):
        counted = self.object_list[: self.CAP + 1].count()  # SELECT COUNT(*) FROM (… LIMIT CAP + 1)
        self.capped = counted > self.CAP
        return min(counted, self.CAP)

    capped = False


class LanguageLabelledHistory(HistoricalRecordContextHelper):
    """History shows "Title (Traditional Chinese)" rather than two changes both called "Title"."""

    def context_for_delta_changes(self, delta):
        untranslated_originals = set(self.model.translated_field_names())
        delta = dataclasses.replace(
            delta, changes=[change for change in delta.changes if change.field not in untranslated_originals]
        )
        return super().context_for_delta_changes(delta)

    def format_delta_change(self, change):
        formatted = super().format_delta_change(change)
        for field in self.model.translated_field_names():
            for lang in CONTENT_LANGUAGES:
                if change.field == build_localized_fieldname(field, lang):
                    label = f"{field_label(self.model, field)} ({language_name(lang)})"
                    return dataclasses.replace(formatted, field=capfirst(label))
        return formatted


ADMIN_SEARCH_LIMIT = 1000  # published records an admin search finds, best first (docs/benchmarks.md)


class EditorialAdmin(SimpleHistoryAdmin, TranslationAdmin):
    """Base admin for published records: both languages, history and restore, preview, safe publishing."""

    form = EditorialForm
    # At a million records: no count of the whole table on every changelist (docs/benchmarks.md).
    paginator = CappedCountPaginator
    show_full_result_count = False
    change_list_template = "editors/change_list.html"
    editorial_fields = ["preview_links", "translation_report", "confirm_translations"]

    class Media:
        css = {"all": ["editors/admin.css"]}

    # Changelist: is each language complete, and is anything possibly out of date?
    def get_list_display(self, request):
        return [*super().get_list_display(request), "english_complete", "chinese_complete", "outdated_fields"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), TranslationStatusFilter]

    # Search (the changelist's box and the relation pickers): published records through the search index, as
    # readers search (either script, width, case); drafts and unpublished ones by their folded text, which
    # reads only those; and a record by its exact slug. Django's own search would run LIKE over every row.
    def get_search_results(self, request, queryset, search_term):
        query = Query.parse(search_term)
        if not query:
            return queryset, False
        published = [pk for _kind, pk in ranked_entries(query, ADMIN_SEARCH_LIMIT, kind_of(self.model))]
        found = Q(pk__in=published) | (~Q(status=Publishable.Status.PUBLISHED) & query.condition())
        if any(field.name == "slug" for field in self.model._meta.fields):
            found |= Q(slug=search_term.strip())
        return queryset.filter(found), False

    @admin.display(description=_("English"), boolean=True)
    def english_complete(self, obj):
        return obj.is_complete("en")

    @admin.display(description=_("Chinese"), boolean=True)
    def chinese_complete(self, obj):
        return obj.is_complete("zh-hant")

    @admin.display(description=_("Outdated"))
    def outdated_fields(self, obj):
        labels = [field_label(type(obj), item.field) for item in obj.outdated_translations()]
        return capfirst(", ".join(str(label) for label in labels)) or "—"

    # A change refused while being saved (the page cache could not be emptied; content.signals) has
    # been rolled back: say so instead of a server error. Forms check beforehand, keeping the text.
    def _refusal_as_message(self, view, request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except ChangeRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        return self._refusal_as_message(super().changeform_view, request, *args, **kwargs)

    def delete_view(self, request, *args, **kwargs):
        return self._refusal_as_message(super().delete_view, request, *args, **kwargs)

    def changelist_view(self, request, *args, **kwargs):  # bulk actions: "delete selected"
        return self._refusal_as_message(super().changelist_view, request, *args, **kwargs)

    # Relations: a record chosen in a picker and deleted meanwhile is a form error that names it (editors.forms).
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return super().formfield_for_manytomany(db_field, request, **{"form_class": ChosenRecordsField, **kwargs})

    # Publishing: only with the publish permission, whichever way a record is saved.
    def has_publish_permission(self, request):
        return request.user.has_perm(f"{self.opts.app_label}.publish_{self.opts.model_name}")

    def save_model(self, request, obj, form, change):
        if not self.has_publish_permission(request):
            # The form has no status field for such a user, but a restored version carries the status
            # it had then: keep the one the record has now (a new record starts as a draft).
            saved = type(obj)._default_manager.filter(pk=obj.pk).values_list("status", flat=True).first()
            obj.status = saved or obj.Status.DRAFT
        if form.cleaned_data.get("change_summary"):
            obj._change_reason = form.cleaned_data["change_summary"]  # kept with this version (simple-history)
        super().save_model(request, obj, form, change)

    # After a refused save the form's record holds the rejected values: the page's title, heading and breadcrumbs
    # name the record as it is saved ("Error: 5. …", never the number just refused), and so do its links.
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and context["adminform"].form.errors:
            saved = type(obj)._default_manager.filter(pk=obj.pk).first()
            if saved is not None:
                context.update(subtitle=str(saved), original=saved)
                obj = saved
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Change form: preview links and the translation report first.
    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "preview_links", "translation_report"]
        if self.cites_article:
            readonly.append("source_paragraphs")
        if not self.has_publish_permission(request):
            readonly.append("status")
        return readonly

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        names = [name for _title, options in fieldsets for name in options["fields"]]
        source = ["sources", "source_paragraphs"] if self.cites_article else []
        rest = [name for name in names if name not in [*self.editorial_fields, *source]]
        # What the article says sits right above the texts that must say the same.
        sourced = [(_("From the article"), {"fields": source, "classes": ["source-paragraphs"]})] if source else []
        if obj is None:
            return [*sourced, (None, {"fields": rest})]
        editorial = list(self.editorial_fields)
        if not obj.outdated_translations():
            editorial.remove("confirm_translations")  # nothing to confirm
        return [(_("Preview and translation"), {"fields": editorial}), *sourced, (None, {"fields": rest})]

    @property
    def cites_article(self):
        return any(field.name == "sources" for field in self.model._meta.many_to_many)

    @admin.display(description=_("What the article says"))
    def source_paragraphs(self, obj):
        paragraphs = list(obj.sources.all()) if obj is not None and obj.pk else []
        if not paragraphs:
            return _("No source paragraph yet: choose the paragraphs this record's text says the same as, and save.")
        return format_html_join(
            "",
            '<div class="source-paragraph"><p><a href="{}" target="_blank" rel="noopener">¶{} {}</a></p>'
            '<p lang="zh-Hant">{}</p><p lang="en">{}</p></div>',
            ((p.get_absolute_url(), p.number, p.heading_zh_hant or "", p.text_zh_hant, p.text_en) for p in paragraphs),
        )

    @admin.display(description=_("Preview"))
    def preview_links(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return format_html_join(
            " · ",
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            (
                (self.preview_url(obj, lang), _("Preview in %(language)s") % {"language": language_name(lang)})
                for lang in CONTENT_LANGUAGES
            ),
        )

    @admin.display(description=_("Translation status"))
    def translation_report(self, obj):
        model = type(obj)
        # Describe the saved record, not the unsaved text of a form that was just refused.
        obj = model._default_manager.filter(pk=obj.pk).first() or obj
        missing = [
            capfirst(
                _("%(field)s is empty in %(language)s")
                % {"field": field_label(model, field), "language": language_name(lang)}
            )
            for field, lang in obj.missing_translations()
        ]
        outdated = [
            format_html(
                '<li class="translation-outdated"><strong>{}</strong>: {}'
                '<div class="translation-diff" lang="{}">{}</div></li>',
                capfirst(field_label(model, item.field)),
                _("translation may be out of date. The %(changed)s text changed after the %(stale)s was written:")
                % {"changed": language_name(item.changed_language), "stale": language_name(item.stale_language)},
                html_lang(item.changed_language),
                inline_diff(item.old_text, item.new_text),
            )
            for item in obj.outdated_translations()
        ]
        if not missing and not outdated:
            return _("Both languages are complete and in step.")
        return format_html(
            '<ul class="translation-report">{}{}</ul>',
            format_html_join("", '<li class="translation-missing">{}</li>', ((text,) for text in missing)),
            format_html_join("", "{}", ((item,) for item in outdated)),
        )

    # History: labelled by language; restoring runs in one transaction like any other save.
    # Ids in these addresses are typed by hand now and then: anything that is not an id is a 404.
    def _id_or_404(self, value, field=None):
        field = field or self.opts.pk
        try:
            field.run_validators(field.to_python(unquote(value)))  # a number, and in the column's range
        except (ValidationError, ValueError, TypeError):
            raise Http404 from None
        return value

    def history_view(self, request, object_id, extra_context=None):
        object_id = self._id_or_404(object_id)
        if not request.user.has_perm("auth.view_user"):  # editors: name who changed it, without a link they can't open
            extra_context = {**(extra_context or {}), "admin_user_view": ""}
        return super().history_view(request, object_id, extra_context)

    def get_historical_record_context_helper(self, request, historical_record):
        return LanguageLabelledHistory(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        object_id = self._id_or_404(object_id)
        version_id = self._id_or_404(version_id, self.model.history.model._meta.pk)
        if request.method == "POST" and not self.has_change_permission(request):
            raise PermissionDenied  # simple-history lets anyone who may view history restore it
        restore = transaction.atomic(super().history_form_view)
        return self._refusal_as_message(restore, request, object_id, version_id, extra_context)

    # Preview, under /admin/ so it is staff-only and never cached as a public page.
    def get_urls(self):
        return [
            path(
                "<path:object_id>/preview/<str:lang>/",
                self.admin_site.admin_view(self.preview_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_preview",
            ),
            *super().get_urls(),
        ]

    def get_view_on_site_url(self, obj=None):
        # A draft has no public page yet: "View on site" opens its preview instead of a 404.
        if obj is not None and obj.pk and not obj.is_published:
            return self.preview_url(obj, content_language())
        return super().get_view_on_site_url(obj)

    def preview_url(self, obj, lang):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_preview", args=[obj.pk, lang])

    def preview_view(self, request, object_id, lang):
        obj = self.get_object(request, self._id_or_404(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return preview(request, obj, lang)


class ForwardRelationAutocomplete(AutocompleteJsonView):
    """The relation pickers' search (/admin/autocomplete/), for the relations a form can show a picker on.

    Django's view also accepts a reverse relation named in the query (`model_name=operationmode&field_name=
    companies`: the companies that list a mode) and then fails on it with a server error. No form asks for
    one, so such a request is refused like any other malformed one.
    """

    def process_request(self, request):
        term, model_admin, source_field, to_field_name = super().process_request(request)
        if isinstance(source_field, ForeignObjectRel):
            raise PermissionDenied
        return term, model_admin, source_field, to_field_name


def autocomplete_view(request):
    return ForwardRelationAutocomplete.as_view(admin_site=admin.site)(request)


admin.site.autocomplete_view = autocomplete_view  # the admin's URL wraps it as it wraps its own (admin_view)
