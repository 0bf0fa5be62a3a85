"""The Editor role: what editors can reach, what they cannot, and how an account is made."""

import io
import json

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.urls import reverse

from content.registry import content_models
from editors.roles import EDITOR_GROUP, kept_by_editors
from trends.models import Trend


def test_the_editor_group_can_add_change_and_publish_content_and_nothing_about_users(db):
    codenames = set(Group.objects.get(name=EDITOR_GROUP).permissions.values_list("content_type__app_label", "codename"))
    for model in content_models():
        for action in ["view", "add", "change", "publish"]:
            assert (model._meta.app_label, f"{action}_{model._meta.model_name}") in codenames
        assert (model._meta.app_label, f"delete_{model._meta.model_name}") not in codenames  # administrators delete
    assert not any(app == "auth" for app, _codename in codenames)


def test_the_editor_group_keeps_what_each_app_declares_it_keeps(db):
    """Apps other than the kinds say in their AppConfig which of their records editors keep (redirects, the
    conversion table): the role follows the declaration, and nothing undeclared is granted."""
    codenames = set(Group.objects.get(name=EDITOR_GROUP).permissions.values_list("content_type__app_label", "codename"))
    declared = {
        (config.label, f"{action}_{model_name}")
        for config in apps.get_app_configs()
        for model_name, actions in kept_by_editors(config).items()
        for action in actions
    }
    assert {("redirects", "delete_redirect"), ("conversion", "change_conversionrule")} <= declared
    assert declared <= codenames
    kinds = {model._meta.app_label for model in content_models()}
    assert {app for app, _codename in codenames} <= kinds | {
        config.label for config in apps.get_app_configs() if kept_by_editors(config)
    }


def test_an_editor_reaches_the_redirects_and_the_conversion_table(editor_client):
    for url in [reverse("admin:redirects_redirect_changelist"), reverse("admin:conversion_conversionrule_changelist")]:
        assert editor_client.get(url).status_code == 200, url


def test_createeditor_prints_a_one_time_password_that_signs_the_editor_in_to_set_up_a_second_factor(client, db):
    out = io.StringIO()
    call_command("createeditor", "mei", "--email", "mei@example.org", stdout=out)
    password = out.getvalue().splitlines()[1]
    user = User.objects.get(username="mei")
    assert user.is_staff and not user.is_superuser and user.email == "mei@example.org"
    assert list(user.groups.values_list("name", flat=True)) == [EDITOR_GROUP]
    assert len(password) >= 16 and user.check_password(password)
    assert client.login(username="mei", password=password)
    response = client.get(reverse("admin:trends_trend_changelist"))
    assert response.status_code == 302 and response["Location"] == "/en/accounts/2fa/totp/activate/"


def test_createeditor_makes_a_different_password_each_time_and_never_touches_an_existing_account(db):
    first, second = io.StringIO(), io.StringIO()
    call_command("createeditor", "a1", stdout=first)
    call_command("createeditor", "a2", stdout=second)
    assert first.getvalue().splitlines()[1] != second.getvalue().splitlines()[1]
    before = User.objects.get(username="a1").password
    with pytest.raises(CommandError, match="already exists"):
        call_command("createeditor", "a1", stdout=io.StringIO())
    assert User.objects.get(username="a1").password == before


@pytest.mark.parametrize("url", ["/admin/auth/user/", "/admin/auth/group/", "/admin/auth/user/add/"])
def test_an_editor_cannot_reach_user_management(editor_client, url):
    assert editor_client.get(url).status_code == 403


def test_an_editor_does_not_see_user_management_on_the_admin_index(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "/admin/trends/trend/" in html
    assert "/admin/auth/" not in html


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/trends/trend/",
        "/admin/trends/trend/{pk}/change/",
        "/admin/trends/trend/{pk}/history/",
        "/admin/trends/trend/{pk}/preview/en/",
    ],
)
def test_a_logged_in_non_staff_user_and_an_anonymous_visitor_get_nowhere_in_the_admin(client, db, path):
    url = path.format(pk=Trend.objects.first().pk)
    for logged_in in (False, True):
        if logged_in:
            client.force_login(User.objects.create_user("reader", password="a-long-test-password"))
        response = client.get(url)
        assert response.status_code == 302, (url, logged_in)
        assert response["Location"].startswith("/en/accounts/login/?next=")  # straight to the two-step sign-in


def test_createeditor_leaves_the_app_registry_whole_for_later_commands_in_the_same_process(transactional_db):
    # transactional: flush must really empty the tables (PostgreSQL refuses inside the test's transaction)
    call_command("seed", stdout=io.StringIO())
    call_command("createeditor", "kai", stdout=io.StringIO())
    dumped = io.StringIO()
    call_command("dumpdata", "modes", stdout=dumped)
    assert {row["model"] for row in json.loads(dumped.getvalue())} >= {"modes.operationmode", "modes.company"}
    # flush recreates permissions through the same app configs (post_migrate)
    call_command("flush", interactive=False, verbosity=0)
    assert Permission.objects.filter(content_type__app_label="trends", codename="publish_trend").exists()
