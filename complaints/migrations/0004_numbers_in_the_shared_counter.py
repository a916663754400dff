# Complaint numbers move to the shared counter table (applications.NumberSequence, kind
# "complaint"): each organisation's counter continues from its last complaint number.

from django.db import migrations

KIND = "complaint"


def move_counters_in(apps, schema_editor):
    ComplaintSequence = apps.get_model("complaints", "ComplaintSequence")
    NumberSequence = apps.get_model("applications", "NumberSequence")
    NumberSequence.objects.bulk_create(
        NumberSequence(
            organisation_id=old.organisation_id,
            kind=KIND,
            year=old.year,
            last_value=old.last_value,
        )
        for old in ComplaintSequence.objects.all()
    )


def move_counters_out(apps, schema_editor):
    ComplaintSequence = apps.get_model("complaints", "ComplaintSequence")
    NumberSequence = apps.get_model("applications", "NumberSequence")
    shared = NumberSequence.objects.filter(kind=KIND)
    ComplaintSequence.objects.bulk_create(
        ComplaintSequence(
            organisation_id=counter.organisation_id,
            year=counter.year,
            last_value=counter.last_value,
        )
        for counter in shared
    )
    shared.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0003_complaint_reminders"),
        ("applications", "0006_number_sequence_kind"),
    ]

    operations = [
        migrations.RunPython(move_counters_in, move_counters_out),
        migrations.DeleteModel(name="ComplaintSequence"),
    ]
