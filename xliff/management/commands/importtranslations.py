"""manage.py importtranslations: preview a translated file, then apply it as a named user."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from xliff import formats
from xliff.checks import RefusedFile, refuse_if_too_large
from xliff.importing import ImportRefused, apply_import, plan_import


class Command(BaseCommand):
    help = (
        "Import a translated XLIFF 1.2, XLIFF 2.0 or PO file: prints what would change and applies it "
        "in one transaction, recorded in each record's history as --user with the file's name as the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="The staff user the changes are recorded as.")
        parser.add_argument("--dry-run", action="store_true", help="Only print what would change.")

    def handle(self, *args, file, user, dry_run, **options):
        path = Path(file)
        try:
            account = get_user_model().objects.get(username=user, is_staff=True, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"no active staff user {user!r}") from None
        try:
            refuse_if_too_large(path.stat().st_size)
            delivery = formats.read_file(path.read_bytes())
        except OSError as error:
            raise CommandError(str(error)) from None
        except RefusedFile as refused:
            raise CommandError(f"{path.name} refused, nothing changed: {refused.message}") from None

        plan = plan_import(delivery, user=account)
        for warning in plan.warnings:
            self.stdout.write(f"warning: {warning}")
        for item in plan.records:
            self.stdout.write(f"{item.record._meta.verbose_name} {item.record}:")
            for change in item.changes:
                stale = (
                    "  (source changed since export: stays flagged 'may be out of date')"
                    if change.source_changed
                    else ""
                )
                self.stdout.write(f"  {change.field}: {len(change.current)} → {len(change.incoming)} characters{stale}")
        summary = (
            f"{plan.change_count} field(s) in {len(plan.records)} record(s) to change; "
            f"{plan.unchanged} unchanged, {plan.untranslated} without translation, {len(plan.warnings)} warning(s)"
        )
        if dry_run:
            self.stdout.write(f"Dry run: {summary}. Nothing changed.")
            return
        try:
            apply_import(plan, user=account, reason=path.name)
        except ImportRefused as refused:
            raise CommandError(refused.message) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {path.name}: {summary}."))
