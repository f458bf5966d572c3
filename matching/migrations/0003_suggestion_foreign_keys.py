"""Suggestion's need and expert become foreign keys (CASCADE), on the same columns.

Stored suggestions are derived data: rows whose need or expert no longer exists are dropped
before the constraints are added; `python manage.py refresh_suggestions` recomputes them.
"""

import django.db.models.deletion
from django.db import migrations, models


def drop_orphans(apps, schema_editor):
    Suggestion = apps.get_model("matching", "Suggestion")
    Need = apps.get_model("profiles", "Need")
    ExpertProfile = apps.get_model("profiles", "ExpertProfile")
    Suggestion.objects.exclude(need_id__in=Need.objects.values("pk")).delete()
    Suggestion.objects.exclude(expert_id__in=ExpertProfile.objects.values("pk")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0002_ruleoverride_suggestion"),
        ("profiles", "0004_needs_desk"),
    ]

    operations = [
        migrations.RunPython(drop_orphans, migrations.RunPython.noop),
        migrations.RemoveConstraint(model_name="suggestion", name="suggestion_unique_rank_default"),
        migrations.RemoveConstraint(model_name="suggestion", name="suggestion_unique_rank_host"),
        migrations.AlterModelOptions(
            name="suggestion",
            options={
                "ordering": ["need", "rank"],
                "verbose_name": "suggestion",
                "verbose_name_plural": "suggestions",
            },
        ),
        migrations.RenameField(model_name="suggestion", old_name="need_id", new_name="need"),
        migrations.RenameField(model_name="suggestion", old_name="expert_id", new_name="expert"),
        migrations.AlterField(
            model_name="suggestion",
            name="need",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="suggestions",
                to="profiles.need",
                verbose_name="need",
            ),
        ),
        migrations.AlterField(
            model_name="suggestion",
            name="expert",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="suggestions",
                to="profiles.expertprofile",
                verbose_name="expert",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("host__isnull", True)),
                fields=("need", "rank"),
                name="suggestion_unique_rank_default",
            ),
        ),
        migrations.AddConstraint(
            model_name="suggestion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("host__isnull", False)),
                fields=("host", "need", "rank"),
                name="suggestion_unique_rank_host",
            ),
        ),
    ]
