"""Need, NeedTransition and NeedRating now belong to the needs app (needs 0001): profiles
forgets them. State only: the tables stay, owned by needs.models under the same names."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0004_needs_desk'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name='NeedRating'),
                migrations.DeleteModel(name='NeedTransition'),
                migrations.DeleteModel(name='Need'),
            ],
        ),
    ]
