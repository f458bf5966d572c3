from django.db import migrations, models


class Migration(migrations.Migration):
    """The desk's figures and the dashboard read a host's needs from one index that holds every
    column they count (replaces the index of host and submission time, its prefix)."""

    dependencies = [
        ("needs", "0003_need_wanted_by_members"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="need",
            index=models.Index(
                fields=[
                    "host",
                    "created_at",
                    "status",
                    "category",
                    "responded_at",
                    "response_deadline",
                    "resolved_at",
                    "company",
                ],
                name="need_host_created_desk",
            ),
        ),
        migrations.RemoveIndex(model_name="need", name="need_host_created"),
    ]
