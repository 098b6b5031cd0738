"""Indexes of the organization menus' search on PostgreSQL (directory.selectors.organization_matches).

A name or pinyin containing what was typed (LIKE '%…%') is found through trigram indexes (pg_trgm, a
trusted extension the database owner may create); a credit-code prefix through a pattern-ops index,
whatever the database's collation. SQLite has neither and reads its few hundred rows.
benchmarks/autocomplete.py measures them (docs/performance.md).
"""

from django.db import migrations

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS org_name_trgm ON directory_organization USING gin (name gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS org_pinyin_trgm ON directory_organization USING gin (name_pinyin gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS org_code_prefix ON directory_organization (credit_code varchar_pattern_ops)",
]
DROP = [
    "DROP INDEX IF EXISTS org_name_trgm",
    "DROP INDEX IF EXISTS org_pinyin_trgm",
    "DROP INDEX IF EXISTS org_code_prefix",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("directory", "0005_organization_name_keys")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]
