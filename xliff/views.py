"""The admin's translation-file pages: export, import with a preview, apply.

Mounted under /admin/ through admin_view (xliff/urls.py): staff only, CSRF-protected, never cached.
Model permissions decide the rest: exporting needs "view", importing into a model needs "change".
"""

import base64

from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView, View

from bilingual.languages import html_lang
from content.registry import content_models

from . import formats
from .checks import RefusedFile
from .forms import ExportForm, ImportForm
from .importing import ImportRefused, PreviewOutdated, apply_import, plan_import
from .units import Direction, export_units

SESSION_KEY = "xliff_import"  # the uploaded file, between its preview and "Apply"


def _can(user, action, model):
    return user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


class AdminPageMixin:
    """The admin's header, sidebar and breadcrumbs around our pages."""

    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(**admin.site.each_context(self.request), title=self.title, **kwargs)


class ExportView(AdminPageMixin, FormView):
    """Records chosen on a changelist (?model=…&pk=…), or everything that needs translation."""

    template_name = "xliff/export.html"
    form_class = ExportForm
    title = gettext_lazy("Export for translation")

    def chosen_records(self):
        label = self.request.GET.get("model")
        model = {model._meta.label_lower: model for model in content_models()}.get(label)
        if model is None or not _can(self.request.user, "view", model):
            return None
        pks = [pk for pk in self.request.GET.getlist("pk") if pk.isascii() and pk.isdigit() and len(pk) < 19][:1000]
        return list(model._default_manager.filter(pk__in=pks))

    def viewable_records(self):
        return [
            record
            for model in content_models()
            if _can(self.request.user, "view", model)
            for record in model._default_manager.all()
        ]

    def get_context_data(self, **kwargs):
        chosen = self.chosen_records()
        needing = None
        if chosen is None:
            records = self.viewable_records()
            needing = [
                (direction, len(export_units(direction, records=records, only_needed=True)))
                for direction in (Direction.into("zh-hant"), Direction.into("en"))
            ]
        return super().get_context_data(chosen=chosen, needing=needing, **kwargs)

    def form_valid(self, form):
        direction = Direction.into(form.cleaned_data["into"])
        chosen = self.chosen_records()
        records = chosen if chosen is not None else self.viewable_records()
        units = export_units(
            direction,
            records=records,
            only_needed=chosen is None,
            site_url=self.request.build_absolute_uri("/"),
            copy_source=form.cleaned_data["copy_source"],
        )
        if not units:
            form.add_error(
                None,
                _("There is nothing to translate into %(language)s here.")
                % {"language": dict(settings.LANGUAGES)[direction.target]},
            )
            return self.form_invalid(form)
        content, extension, content_type = formats.write(form.cleaned_data["format"], units, direction)
        scope = "selected" if chosen is not None else "needs-translation"
        name = f"ecomkb-{direction.source_tag}-to-{direction.target_tag}-{scope}.{extension}"
        response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ImportView(AdminPageMixin, FormView):
    """Upload; a refused file is a form error in the user's language, nothing stored."""

    template_name = "xliff/import.html"
    form_class = ImportForm
    title = gettext_lazy("Import a translated file")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        self.request.session[SESSION_KEY] = {
            "name": upload.name,
            "data": base64.b64encode(upload.read()).decode("ascii"),
        }
        return render_preview(self.request, upload.name, plan_import(form.delivery, user=self.request.user))


def render_preview(request, name, plan, status=200):
    context = {
        **admin.site.each_context(request),
        "title": _("Preview of %(name)s") % {"name": name},
        "name": name,
        "plan": plan,
        "digest": plan.digest(),
        "target_lang": html_lang(plan.direction.target),
        "source_lang": html_lang(plan.direction.source),
    }
    return TemplateResponse(request, "xliff/preview.html", context, status=status)


class ApplyView(View):
    """Applies the previewed file, unless the records changed since the preview."""

    def post(self, request):
        stored = request.session.get(SESSION_KEY)
        if not stored:
            messages.error(
                request, _("There is no previewed file to apply (it may have been applied already). Upload it again.")
            )
            return HttpResponseRedirect(reverse("xliff:import"))
        name = stored["name"]
        try:
            delivery = formats.read_file(base64.b64decode(stored["data"]))
        except RefusedFile as refused:  # checked on upload; only a change of rules gets here
            messages.error(request, refused.message)
            return HttpResponseRedirect(reverse("xliff:import"))
        plan = plan_import(delivery, user=request.user)
        if plan.digest() != request.POST.get("digest"):
            return self.changed_since_preview(request, name, plan)
        plan.take(request.POST.getlist("take")[:1000])  # the conflicts where the editor took the file's text
        try:
            count = apply_import(plan, user=request.user, reason=name)
        except PreviewOutdated:
            return self.changed_since_preview(request, name, plan_import(delivery, user=request.user))
        except ImportRefused as refused:  # nothing was imported; the preview stays, to apply again
            messages.error(request, refused.message)
            return render_preview(request, name, plan, status=refused.status)
        del request.session[SESSION_KEY]
        messages.success(
            request,
            ngettext(
                "Imported %(name)s: %(count)s field changed.", "Imported %(name)s: %(count)s fields changed.", count
            )
            % {"name": name, "count": count},
        )
        return HttpResponseRedirect(reverse("xliff:import"))

    def changed_since_preview(self, request, name, plan):
        messages.warning(
            request,
            _(
                "The records changed after your preview, so nothing was imported yet. "
                "Check this new preview, then apply it."
            ),
        )
        return render_preview(request, name, plan, status=409)
