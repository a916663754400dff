# The application page asks whether a document's job still waits or runs
# (guardianship_portal/jobs/api.py::is_pending): a partial index over the engine's table
# keeps that a look-up in the few unfinished jobs, however many finished ones are kept.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX jobs_unfinished_task_idx ON django_tasks_database_dbtaskresult "
            "(task_path) WHERE status IN ('READY', 'RUNNING')",
            "DROP INDEX jobs_unfinished_task_idx",
        )
    ]
