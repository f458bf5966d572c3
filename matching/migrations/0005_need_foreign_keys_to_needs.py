"""The foreign keys to Need follow it to the needs app (state only: the columns and their
constraints already point at the profiles_need table, which keeps its name)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('matching', '0004_meetings'),
        ('needs', '0001_initial'),
    ]
    # profiles 0005 forgets profiles.Need: nothing may point at it any more by then.
    run_before = [('profiles', '0005_needs_move_to_their_own_app')]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.AlterField(
                    model_name='introduction',
                    name='need',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='introductions', to='needs.need', verbose_name='need'),
                ),
                migrations.AlterField(
                    model_name='meeting',
                    name='need',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='needs.need'),
                ),
                migrations.AlterField(
                    model_name='meetingrequest',
                    name='need',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='needs.need'),
                ),
                migrations.AlterField(
                    model_name='suggestion',
                    name='need',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='suggestions', to='needs.need', verbose_name='need'),
                ),
            ],
        ),
    ]
