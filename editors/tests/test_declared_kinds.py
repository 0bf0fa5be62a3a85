"""Each kind of content brings its own admin, on the editors' workflow, and its permissions: nothing in editors
names a kind (content.registry)."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.core.management.sql import emit_post_migrate_signal

from content.registry import content_kinds
from editors.admin import EditorialAdmin
from editors.roles import EDITOR_GROUP
from trends.models import Trend


def check_errors():
    try:
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    except SystemCheckError as error:
        return str(error)
    return ""


@pytest.mark.parametrize("kind", content_kinds(), ids=lambda kind: kind.label)
def test_each_kind_has_its_own_apps_admin_on_the_editorial_workflow(kind):
    model_admin = admin.site.get_model_admin(kind.model)
    assert isinstance(model_admin, EditorialAdmin)
    assert type(model_admin).__module__ == f"{kind.model._meta.app_label}.admin"


@pytest.mark.parametrize("replacement", [None, admin.ModelAdmin], ids=["no admin", "a plain ModelAdmin"])
def test_a_kind_without_an_editorial_admin_fails_the_check(replacement):
    own = type(admin.site.get_model_admin(Trend))
    admin.site.unregister(Trend)
    try:
        if replacement is not None:
            admin.site.register(Trend, replacement)
        errors = check_errors()
    finally:
        if admin.site.is_registered(Trend):
            admin.site.unregister(Trend)
        admin.site.register(Trend, own)
    assert "editors.E001" in errors and "trends.trend" in errors


def test_migrate_gives_every_kind_its_publish_permission_and_the_editor_role_again(db):
    group = Group.objects.get(name=EDITOR_GROUP)
    group.permissions.clear()
    Permission.objects.filter(codename="publish_trend").delete()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    for kind in content_kinds():
        for action in ("view", "add", "change", "publish"):
            assert (kind.model._meta.app_label, f"{action}_{kind.model._meta.model_name}") in held
    kinds = {kind.label for kind in content_kinds()}
    assert not any(f"{app}.{codename.removeprefix('delete_')}" in kinds for app, codename in held)
