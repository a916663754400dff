# One counter table for every numbered record (applications, complaints): the existing
# counters are the applications' ones; complaints' 0004 moves theirs in.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0005_service_without_choices"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="numbersequence",
            name="one_sequence_per_year",
        ),
        migrations.AddField(
            model_name="numbersequence",
            name="kind",
            field=models.CharField(default="application", max_length=32, verbose_name="kind"),
            preserve_default=False,
        ),
        migrations.AddConstraint(
            model_name="numbersequence",
            constraint=models.UniqueConstraint(
                fields=("organisation", "kind", "year"), name="one_sequence_per_kind_and_year"
            ),
        ),
    ]
