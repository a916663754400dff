"""A covering index for supervision's reads of results (PostgreSQL only).

The per-clerk figures of the dashboard (who decided how many in the period, and how
many on time) and the partial months at the edges of a custom period read, for the
organisations in view and the period, the state, due date, closer, working days and
service of each result, and the drill-down list of the decided sorts their ids before
it reads the 25 rows of a page. With these columns in the index (INCLUDE) PostgreSQL answers
from the index alone instead of fetching ~50,000 rows of a region's year from the table.

It belongs to supervision (its reads need it) and changes nothing Django's model state
knows, so it is created here with SQL; SQLite (``make run``) has no INCLUDE and keeps
applications' own (organisation, completed_on) index.
"""

from django.db import migrations

INDEX = "app_results_cover_idx"
CREATE = f"""
CREATE INDEX IF NOT EXISTS {INDEX} ON applications_application
    (organisation_id, completed_on)
    INCLUDE (state, due_on, completed_by_id, working_days_to_result, service, id)
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0007_perf_open_queue"),
        ("supervision", "0005_report_files"),
    ]

    operations = [migrations.RunPython(create, drop)]
