from django.core.management.base import BaseCommand, CommandError

from opendata.dumps import make_dump, write_dump


class Command(BaseCommand):
    help = (
        "Write the published knowledge base as JSON Lines and CSV per kind, with a licence statement, a manifest "
        "and SHA-256 checksums: into DIRECTORY (which must not exist), or, without one, as the download page's "
        "latest dump."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", nargs="?", help="a new directory to write into")

    def handle(self, *args, directory=None, **options):
        if directory is None:
            directory, manifest = make_dump()
        else:
            try:
                manifest = write_dump(directory)
            except FileExistsError:
                raise CommandError(f"{directory} exists already: name a new directory.") from None
        for name, count in manifest["records"].items():
            self.stdout.write(f"{name}: {count} records")
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(manifest['files'])} files to {directory}"))
