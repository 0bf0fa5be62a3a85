"""Delivering the shipped table (fixtures/conversion.json) once per rule, as content.seeding delivers records.

A rule is remembered as delivered (content.SeedRecord, keyed by its Traditional phrase), so a rule editors
changed keeps their version and one they deleted does not come back; a rule the fixture gains later is added
once. Runs after every `migrate` (the table is part of the schema's meaning, not of the article's content).
"""

from django.db import connection, transaction
from simple_history.utils import bulk_create_with_history

from content.models import SeedRecord

from .models import ConversionRule
from .table import fixture_rules, table_changed

LABEL = "conversion.conversionrule"


def seed_conversion_table():
    """Add every shipped rule never delivered before; return how many were added."""
    if ConversionRule._meta.db_table not in connection.introspection.table_names():
        return 0  # migrated back to before the table
    with transaction.atomic():
        delivered = set(SeedRecord.objects.filter(model=LABEL).values_list("key", flat=True))
        existing = dict(ConversionRule.objects.values_list("traditional", "pk"))
        new_rules = [
            ConversionRule(**rule)
            for rule in fixture_rules()
            if rule["traditional"] not in delivered and rule["traditional"] not in existing
        ]
        added = bulk_create_with_history(new_rules, ConversionRule)
        ids = dict(ConversionRule.objects.values_list("traditional", "pk"))
        SeedRecord.objects.bulk_create(
            [
                SeedRecord(model=LABEL, key=rule["traditional"], object_id=ids[rule["traditional"]])
                for rule in fixture_rules()
                if rule["traditional"] not in delivered
            ]
        )
        if added:  # migrate has started a new page-cache generation (pagecache.signals): only the table's stamp
            table_changed(refuse_if_untold=False)
    return len(added)
