"""The Editor role: what editors may do, in one place (used by the migration that creates the group)."""

from django.contrib.auth.management import create_permissions

from content.registry import content_models

EDITOR_GROUP = "Editor"

# Editors view, add, change and publish every kind of content; deleting is left to administrators, and
# users, groups and permissions are out of reach.
EDITOR_ACTIONS = ["view", "add", "change", "publish"]


def editor_permissions():
    """(app label, codename) of every permission the Editor group holds."""
    return [
        (model._meta.app_label, f"{action}_{model._meta.model_name}")
        for model in content_models()
        for action in EDITOR_ACTIONS
    ]


def grant_editor_permissions(apps, schema_editor=None):
    """Create (or complete) the Editor group; safe to run again."""
    # Permissions are normally created after all migrations; the group needs them now. A migration's
    # historical app configs have no models module, which create_permissions takes for "no models": lend
    # them one for the call, and give each config back exactly what it had (the live registry's are real).
    for app_config in apps.get_app_configs():
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITOR_GROUP)
    for app_label, codename in editor_permissions():
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
