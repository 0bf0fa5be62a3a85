"""The Editor role: what editors may do, in one place, for every kind of content (content.registry).

After every `migrate` (and `flush`), as Django creates each model's default permissions, EditorsConfig's
post_migrate receiver runs grant_editor_role(): each kind gets its `publish_<model>` permission and the Editor
group, for every kind, the EDITOR_ACTIONS below. It only adds, so it is safe to run again; a new kind
needs no migration for either.

An app that keeps other records editors look after (old addresses, the conversion table) says so in its AppConfig:
`editors_keep = {"redirect": ("view", "add", "change", "delete")}` (model name → actions); the role follows.
"""

from django.apps import apps as installed_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Q

from content.registry import content_kinds

EDITOR_GROUP = "Editor"

# Editors view, add, change and publish every kind of content; deleting is left to administrators, and
# users, groups and permissions are out of reach.
EDITOR_ACTIONS = ["view", "add", "change", "publish"]


def publish_permission(model):
    """(codename, name) of the permission to publish records of a kind; the admin asks for it (editors.admin)."""
    return f"publish_{model._meta.model_name}", f"Can publish {model._meta.verbose_name_raw}"


def kept_by_editors(app_config):
    """{model name: actions} an app declares its editors keep besides the kinds (AppConfig.editors_keep)."""
    return dict(getattr(app_config, "editors_keep", {}))


def grant_editor_role(using=DEFAULT_DB_ALIAS, app_label=None):
    """Every kind's permissions (Django's four and publish) exist, and the Editor group holds EDITOR_ACTIONS on each
    and the actions apps declare in `editors_keep` (on one app's only, with `app_label`)."""
    kinds = [kind for kind in content_kinds() if app_label in (None, kind.model._meta.app_label)]
    keeping = [
        config
        for config in installed_apps.get_app_configs()
        if kept_by_editors(config) and app_label in (None, config.label)
    ]
    # A kind's app may come after editors in INSTALLED_APPS: its default permissions are not made yet.
    for label in dict.fromkeys([kind.model._meta.app_label for kind in kinds] + [c.label for c in keeping]):
        create_permissions(installed_apps.get_app_config(label), verbosity=0, using=using)
    wanted = Q()
    for config in keeping:
        for model_name, actions in kept_by_editors(config).items():
            content_type = ContentType.objects.db_manager(using).get_for_model(config.get_model(model_name))
            for action in actions:
                wanted |= Q(content_type=content_type, codename=f"{action}_{model_name}")
    for kind in kinds:
        codename, name = publish_permission(kind.model)
        content_type = ContentType.objects.db_manager(using).get_for_model(kind.model)
        permissions = Permission.objects.using(using)
        permissions.get_or_create(content_type=content_type, codename=codename, defaults={"name": name})
        for action in EDITOR_ACTIONS:
            wanted |= Q(content_type=content_type, codename=f"{action}_{kind.model._meta.model_name}")
    group, _created = Group.objects.using(using).get_or_create(name=EDITOR_GROUP)
    if kinds or keeping:
        group.permissions.add(*Permission.objects.using(using).filter(wanted))


def grant_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """post_migrate, sent for each app with models: the role for the kinds of that app."""
    if kept_by_editors(sender) or any(kind.model._meta.app_label == sender.label for kind in content_kinds()):
        grant_editor_role(using, app_label=sender.label)
