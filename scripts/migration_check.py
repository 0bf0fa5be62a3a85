#!/usr/bin/env python3
"""Carry a database made by older code across today's migrations, and prove nothing was lost.

    # with the OLD code checked out:
    .venv/bin/python scripts/migration_check.py build /tmp/db-before.sqlite3   # migrate, seed, edits, an editor
    .venv/bin/python scripts/migration_check.py dump /tmp/db-before.sqlite3 /tmp/db-before.json
    # with the NEW code:
    cp /tmp/db-before.sqlite3 /tmp/db-after.sqlite3
    .venv/bin/python scripts/migration_check.py migrate /tmp/db-after.sqlite3
    .venv/bin/python scripts/migration_check.py dump /tmp/db-after.sqlite3 /tmp/db-after.json
    .venv/bin/python scripts/migration_check.py compare /tmp/db-before.json /tmp/db-after.json

`dump` writes every row of every table (raw SQL, so it does not depend on which app a model
belongs to) as JSON. `compare` prints, per table, rows lost, rows added and rows changed, and
exits non-zero if any row that existed before is missing or different afterwards in a column it
had before (a column added since is not a change; the bookkeeping tables django_migrations and
django_session are reported but not judged).
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NOT_JUDGED = {"django_migrations", "django_session"}


def setup(db_path):
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(db_path).resolve()}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecomkb.settings_test")
    import django

    django.setup()


def build(db_path):
    """Today's database as editors leave it: seeded, edited in both languages, with history and an editor."""
    from io import StringIO

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from modes.models import Company, OperationMode
    from trends.models import Trend

    call_command("migrate", verbosity=0)
    call_command("seed", stdout=StringIO())
    call_command("createeditor", "erin", "--email", "erin@example.org", stdout=StringIO())
    erin = get_user_model().objects.get(username="erin")

    trend = Trend.objects.get(slug="going-global")
    trend.title_en = "Going global (edited)"
    trend.title_zh_hant = "走向全球（已編輯）"
    trend._history_user = erin
    trend.save()

    mode = OperationMode.objects.get(slug="b2c")
    mode.summary_en = mode.summary_en + " An editor's addition."  # one language only: flagged as outdated
    mode._history_user = erin
    mode.save()

    draft = Company(slug="draft-co", name_en="Draft Co", description_en="Only in English so far.")
    draft._history_user = erin
    draft.save()
    draft.modes.set([mode])

    gone = Company.objects.get(slug="jd")
    gone._history_user = erin
    gone.delete()


def dump(db_path, out_path):
    from django.db import connection

    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f'SELECT * FROM "{table}"')
            columns = [column[0] for column in cursor.description]
            rows = [dict(zip(columns, row, strict=False)) for row in cursor.fetchall()]
            tables[table] = sorted(rows, key=lambda row: json.dumps(row, sort_keys=True, default=str))
    Path(out_path).write_text(json.dumps(tables, ensure_ascii=False, indent=1, sort_keys=True, default=str))
    print(f"{out_path}: {len(tables)} tables, {sum(map(len, tables.values()))} rows")


def compare(before_path, after_path):
    before = json.loads(Path(before_path).read_text())
    after = json.loads(Path(after_path).read_text())
    failed = False
    for table in sorted(set(before) | set(after)):
        old = [json.dumps(row, sort_keys=True) for row in before.get(table, [])]
        # A column added since (a new field) is no loss: each row is judged on the columns it had before.
        columns = {column for row in before.get(table, []) for column in row}
        new = [
            json.dumps({k: v for k, v in row.items() if k in columns or not columns}, sort_keys=True)
            for row in after.get(table, [])
        ]
        lost = [row for row in old if row not in set(new)]
        added = [row for row in new if row not in set(old)]
        if table not in after:
            print(f"{table}: TABLE GONE ({len(old)} rows)")
            failed = True
            continue
        status = "ok" if not lost else "LOST OR CHANGED"
        if lost and table not in NOT_JUDGED:
            failed = True
        print(
            f"{table}: {len(old)} rows before, {len(new)} after: {status}" + (f", {len(added)} added" if added else "")
        )
        for row in lost[:5]:
            print(f"    before only: {row[:300]}")
        for row in added[:5]:
            print(f"    after only:  {row[:300]}")
    print("FAILED: rows were lost or changed" if failed else "every row of every table is still there, unchanged")
    return 1 if failed else 0


def main(argv):
    command, *args = argv
    if command == "compare":
        return compare(*args)
    setup(args[0])
    if command == "build":
        build(args[0])
    elif command == "migrate":
        from django.core.management import call_command

        call_command("migrate", verbosity=1)
    elif command == "dump":
        dump(*args)
    else:
        sys.exit(__doc__)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
