# The queue and the search at national scale (issue #11): the stored "open" flag and
# the queue's own partial index, an index on children's IINs, and on PostgreSQL the
# trigram indexes that answer "part of a name or number" (icontains) from an index.

from django.db import migrations, models

# Django's icontains on PostgreSQL is UPPER(column::text) LIKE UPPER('%…%'): the
# trigram indexes are on that expression so the planner can use them. SQLite has no
# pg_trgm; its search stays a scan of the office's rows (make run's small data).
TRIGRAM_INDEXES = (
    ("app_number_trgm_idx", "applications_application", "number"),
    ("app_applicant_name_trgm_idx", "applications_application", "applicant_name"),
    ("child_last_name_trgm_idx", "applications_child", "last_name"),
)


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        # 0006_number_sequence_kind, through the audit's migration of the same day (one
        # leaf for the app).
        ("applications", "0007_audit_client_address"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="is_open",
            field=models.GeneratedField(
                db_persist=True,
                expression=models.Q(
                    (
                        "state__in",
                        ("draft", "completed", "refused_to_accept", "refused", "withdrawn"),
                    ),
                    _negated=True,
                ),
                output_field=models.BooleanField(),
                verbose_name="open",
            ),
        ),
        migrations.AlterField(
            model_name="child",
            name="iin",
            field=models.CharField(blank=True, db_index=True, max_length=12, verbose_name="IIN"),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("state", "draft"), _negated=True),
                fields=[
                    "organisation",
                    "-is_open",
                    "stage_due_on",
                    "due_on",
                    "registered_on",
                    "id",
                ],
                name="app_office_queue_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("is_open", True)),
                fields=["assigned_clerk", "organisation", "stage_due_on"],
                name="app_open_clerk_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("completed_by__isnull", False)),
                fields=["completed_by", "completed_on", "organisation", "state", "due_on"],
                name="app_closed_by_idx",
            ),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
