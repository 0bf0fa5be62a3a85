"""manage.py exporttbx [FILE]: every published glossary term as a TBX-Basic termbase (standard output by default)."""

import sys

from django.core.management.base import BaseCommand

from glossary.tbx import LANGUAGES, published_termbase


class Command(BaseCommand):
    help = "Write the published glossary as a TBX-Basic termbase, for memoQ, Trados MultiTerm or OmegaT."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", help="Where to write it (default: standard output).")
        parser.add_argument(
            "--languages",
            nargs="+",
            choices=LANGUAGES,
            default=LANGUAGES,
            help="The languages to include (default: all three). OmegaT takes zh-Hant and zh-Hans both for Chinese: "
            "give it en and the script of the project's target.",
        )

    def handle(self, *args, file=None, languages=LANGUAGES, **options):
        document = published_termbase(languages=languages)
        if file:
            with open(file, "wb") as out:
                out.write(document)
            self.stderr.write(f"Wrote {file}.")
        else:
            sys.stdout.buffer.write(document)
