"""manage.py importtranslations: preview a translated file, then apply it as a named user."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from xliff import formats
from xliff.checks import RefusedFile, refuse_if_too_large
from xliff.importing import ImportRefused, apply_import, plan_import
from xliff.reading import short


class Command(BaseCommand):
    help = (
        "Import a translated XLIFF 1.2, XLIFF 2.0 or PO file: prints what would change and applies it "
        "in one transaction, recorded in each record's history as --user with the file's name as the reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--user", required=True, help="The staff user the changes are recorded as.")
        parser.add_argument("--dry-run", action="store_true", help="Only print what would change.")
        parser.add_argument(
            "--take",
            action="append",
            default=[],
            metavar="UNIT_ID",
            help="For a conflict (a field changed both in the database and in the file since the export), store the "
            "file's text; repeatable. Without it, a conflict leaves the field as it is.",
        )

    def handle(self, *args, file, user, dry_run, take, **options):
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
        plan.take(take)
        if plan.unchecked:
            self.stdout.write(
                f"note: {plan.unchecked} unit(s) do not say what their translation was when the file was made (an "
                "older export or another tool's file): they cannot be checked against newer work in the database"
            )
        for warning in plan.warnings:
            self.stdout.write(f"warning: {warning}")
        for item in plan.records:
            self.stdout.write(f"{item.record._meta.verbose_name} {item.record}:")
            for change in item.changes:
                notes = "".join(
                    note
                    for condition, note in (
                        (change.unreviewed, "  (not done in the file: stored as unreviewed, stays flagged)"),
                        (change.source_changed, "  (source changed since export: stays flagged 'may be out of date')"),
                    )
                    if condition
                )
                self.stdout.write(f"  {change.field}: {len(change.current)} → {len(change.incoming)} characters{notes}")
            for change in item.conflicts:
                exported = "(not in the history)" if change.exported is None else repr(short(change.exported))
                self.stdout.write(
                    f"  CONFLICT {change.field}, left as it is (--take {change.unit_id} stores the file's text): "
                    f"now {short(change.current)!r}; file {short(change.incoming)!r}; when exported {exported}"
                )
        summary = (
            f"{plan.change_count} field(s) in {plan.changed_record_count} record(s) to change "
            f"({plan.unreviewed_count} unreviewed); {plan.conflict_count} conflict(s) left as they are; "
            f"{plan.unchanged + plan.kept} unchanged ({plan.kept} newer here than the file), "
            f"{plan.untranslated} without translation, {len(plan.warnings)} warning(s)"
        )
        if dry_run:
            self.stdout.write(f"Dry run: {summary}. Nothing changed.")
            return
        try:
            apply_import(plan, user=account, reason=path.name)
        except ImportRefused as refused:
            raise CommandError(refused.message) from None
        self.stdout.write(self.style.SUCCESS(f"Imported {path.name}: {summary}."))
