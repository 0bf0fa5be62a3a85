"""The Editor role: what editors may do, in one place (used by the migration that creates the group)."""

EDITOR_GROUP = "Editor"

# Editors add, change and publish content; deleting is left to administrators, and users,
# groups and permissions are out of reach.
EDITOR_PERMISSIONS = {
    "modes": {"operationmode": ["view", "add", "change", "publish"], "company": ["view", "add", "change", "publish"]},
    "trends": {"trend": ["view", "add", "change", "publish"]},
    # The article is one fixed text: editors correct its translation, they add no paragraphs.
    "article": {"articleparagraph": ["view", "change", "publish"]},
}


def grant_editor_permissions(apps, schema_editor=None):
    """Create (or complete) the Editor group; safe to run again."""
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=EDITOR_GROUP)
    for app_label, models in EDITOR_PERMISSIONS.items():
        for model, actions in models.items():
            for action in actions:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
                )
