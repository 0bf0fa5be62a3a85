"""manage.py exporttranslations: a translation file of what needs work (or of chosen records)."""

from django.core.management.base import BaseCommand, CommandError

from content.registry import content_models
from content.translation_status import CONTENT_LANGUAGES as LANGUAGES
from xliff import formats
from xliff.records import record_named
from xliff.units import Direction, export_units


class Command(BaseCommand):
    help = (
        "Write an XLIFF 1.2, XLIFF 2.0 or PO file for translators: every field that is missing or may be "
        "out of date in the target language, or every field of the records named with --record."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--into",
            choices=LANGUAGES,
            default="zh-hant",
            help="The language to translate into (the other one is the source). Default zh-hant.",
        )
        parser.add_argument("--format", choices=sorted(formats.WRITERS), default="xliff12")
        parser.add_argument(
            "--record",
            action="append",
            default=[],
            metavar="APP.MODEL:SLUG",
            help="Export every field of this record (repeatable), named by its slug or its key, "
            "e.g. trends.trend:going-global.",
        )
        parser.add_argument(
            "--site-url", default="", help="Prefix for the page links in the notes, e.g. https://example.org"
        )
        parser.add_argument(
            "--copy-source",
            action="store_true",
            help="Put the source text into each target, for tools that translate targets (OmegaT); on import, a "
            "target still equal to its source counts as untranslated.",
        )
        parser.add_argument("-o", "--output", help="File to write (default: standard output).")

    def handle(self, *args, into, format, record, site_url, output, copy_source, **options):
        direction = Direction.into(into)
        records = self._records(record) if record else None
        units = export_units(
            direction, records=records, only_needed=records is None, site_url=site_url, copy_source=copy_source
        )
        content, _extension, _type = formats.write(format, units, direction)
        if output:
            with open(output, "wb") as handle:
                handle.write(content)
            self.stderr.write(f"{len(units)} units ({direction}) written to {output}")
        else:
            self.stdout.write(content.decode("utf-8"), ending="")

    def _records(self, names):
        models = {model._meta.label_lower: model for model in content_models()}
        chosen = []
        for name in names:
            label, _colon, slug = name.partition(":")
            if label not in models:
                raise CommandError(f"{name}: expected APP.MODEL:SLUG with one of {', '.join(models)}")
            found = record_named(models[label], slug)
            if found is None:
                raise CommandError(f"{name}: no such record")
            chosen.append(found)
        return chosen
