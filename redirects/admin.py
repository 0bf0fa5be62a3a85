"""The redirects in the admin: every old address listed, editors add their own (staff area, like all the admin)."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from content.locking import queue_behind_other_saves

from . import paths
from .models import Redirect

MAX_HOPS = 20  # a chain of redirects longer than this is refused as if it were a loop


def _kept_path(value):
    """The stored form of a typed address, or a form error saying why it cannot be kept (before any query: a NUL
    decoded from %00 would make PostgreSQL refuse the query, a server error)."""
    path = paths.normalise(value)
    if problems := paths.path_problems(path):
        raise forms.ValidationError(problems)
    return path


class RedirectForm(forms.ModelForm):
    """An old address and where it leads, typed as addresses: `to` naming a record's page stores the record, so the
    redirect follows it through later renames; another page of the site is stored as its address."""

    to = forms.CharField(
        label=_("Leads to"),
        max_length=paths.MAX_PATH,
        help_text=_(
            "A page of this site, e.g. /modes/b2c/ (any language's address will do). A record's page stays "
            "right when the record is renamed."
        ),
    )

    class Meta:
        model = Redirect
        fields = ["old_path"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            record = self.instance.target_record(published_only=False)
            path = paths.record_path(record) if record is not None else self.instance.target_path
            self.initial["to"] = path.rstrip("/") + "/"

    def clean_old_path(self):
        return _kept_path(self.cleaned_data["old_path"])

    def clean_to(self):
        to = _kept_path(self.cleaned_data["to"])
        record, live = paths.page_at(to)
        if record is not None:
            self.instance.set_target(record=record)
        elif live or Redirect.objects.filter(old_path=to).exists():
            self.instance.set_target(path=to)
        else:
            raise forms.ValidationError(_("No page of this site has this address."), code="no_page")
        return to

    def clean(self):
        # Before the old address's uniqueness is checked: a double-clicked Save is then a form error, not a 500.
        queue_behind_other_saves(Redirect)
        cleaned = super().clean()
        old_path, to = cleaned.get("old_path"), cleaned.get("to")
        if old_path and to and self.instance.record_key is None and self._leads_back(old_path, to):
            self.add_error(
                "to",
                forms.ValidationError(
                    _("This would make a loop: following redirects from %(to)s comes back to %(old)s.")
                    % {"to": to, "old": old_path},
                    code="loop",
                ),
            )
        return cleaned

    def _leads_back(self, old_path, to):
        current = to
        for _hop in range(MAX_HOPS):
            if current == old_path:
                return True
            redirect = Redirect.objects.exclude(pk=self.instance.pk).filter(old_path=current).first()
            if redirect is None or redirect.record_key is not None:  # a record's page is a page: the end
                return False
            current = redirect.target_path
        return True

    def save(self, commit=True):
        self.instance.automatic = False  # an editor's own, or one an editor has changed
        return super().save(commit=commit)


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    form = RedirectForm
    fields = ["old_path", "to"]
    list_display = ["old_path", "leads_to", "automatic", "created_at"]
    list_filter = ["automatic"]
    search_fields = ["old_path", "target_path"]
    list_per_page = 100

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.result_list = changelist.result_list.with_records()  # the records in one query per kind
        return changelist

    @admin.display(description=_("leads to"))
    def leads_to(self, redirect):
        if redirect.record_key is None:
            return redirect.target_path
        record = redirect.record if hasattr(redirect, "record") else redirect.target_record(published_only=False)
        if record is None:
            return _("(a record that no longer exists)")
        return f"{record} ({paths.record_path(record)})"
