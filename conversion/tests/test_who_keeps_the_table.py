"""Editors keep the conversion table but delete none of it; administrators may."""

import importlib
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db import connection

from conversion.models import ConversionRule
from editors.roles import EDITOR_GROUP

CHANGELIST = "/admin/conversion/conversionrule/"


def bulk_delete(client):
    pks = list(ConversionRule.objects.values_list("pk", flat=True))
    return client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": pks, "post": "yes"})


def test_an_editors_bulk_delete_of_the_table_deletes_nothing(editor_client, db):
    before = ConversionRule.objects.count()
    response = bulk_delete(editor_client)
    assert response.status_code in (200, 302, 403)
    assert before > 0 and ConversionRule.objects.count() == before


def test_an_administrator_may_delete_the_table(admin_client, db, table_restored):
    bulk_delete(admin_client)
    assert not ConversionRule.objects.exists()


def test_a_database_that_let_editors_delete_rules_is_set_right_by_migrating(db):
    editors = Group.objects.get(name=EDITOR_GROUP)
    editors.permissions.add(Permission.objects.get(codename="delete_conversionrule"))
    migration = importlib.import_module("conversion.migrations.0002_editors_delete_no_rule")
    migration.take_back_delete(apps, SimpleNamespace(connection=connection))  # all it reads of a schema editor
    held = set(editors.permissions.filter(content_type__app_label="conversion").values_list("codename", flat=True))
    assert held == {"view_conversionrule", "add_conversionrule", "change_conversionrule"}
