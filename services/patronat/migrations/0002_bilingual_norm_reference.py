"""The norm's decision is cited in each language (a Russian document never prints the
Kazakh citation); the existing text becomes the Kazakh one."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("patronat", "0001_initial")]

    operations = [
        migrations.RenameField(
            model_name="paymentnorm", old_name="decision_reference", new_name="decision_reference_kk"
        ),
        migrations.AlterField(
            model_name="paymentnorm",
            name="decision_reference_kk",
            field=models.CharField(
                max_length=300, verbose_name="decision of the local executive body, in Kazakh"
            ),
        ),
        migrations.AddField(
            model_name="paymentnorm",
            name="decision_reference_ru",
            field=models.CharField(
                blank=True,
                max_length=300,
                verbose_name="decision of the local executive body, in Russian",
            ),
        ),
    ]
