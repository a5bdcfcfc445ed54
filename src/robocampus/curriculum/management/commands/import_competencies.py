from django.core.management.base import BaseCommand, CommandError

from robocampus.curriculum.competencies import (
    FrameworkError,
    import_framework,
    parse_framework,
)


class Command(BaseCommand):
    help = "Import competency units, elements and criteria from a YAML or CSV file."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        path = options["file"]
        try:
            with open(path, encoding="utf-8-sig") as handle:
                framework = parse_framework(path, handle.read())
        except OSError as err:
            raise CommandError(f"{path}: {err.strerror}") from err
        except FrameworkError as err:
            raise CommandError("\n".join(err.errors)) from err
        units = import_framework(framework)
        self.stdout.write(f"{len(units)} competency units imported from {path}")
