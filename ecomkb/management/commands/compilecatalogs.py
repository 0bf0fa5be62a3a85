"""Compile locale/*/LC_MESSAGES/*.po to .mo with Babel, so GNU gettext is not needed.

The compiled .mo files are committed, so a fresh clone serves both languages at once;
run this (or `make messages`) after editing a .po file.
"""

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's gettext catalogs (.po to .mo) without GNU gettext."

    def handle(self, *args, **options):
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
                with open(po_path, "rb") as po_file:
                    catalog = read_po(po_file)
                catalog.fuzzy = False  # the header, not a translation
                with open(po_path.with_suffix(".mo"), "wb") as mo_file:
                    write_mo(mo_file, catalog)
                self.stdout.write(f"{po_path.relative_to(settings.BASE_DIR)}: {len(catalog)} messages")
