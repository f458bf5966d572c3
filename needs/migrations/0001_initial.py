"""Needs get an app of their own: Need, NeedTransition and NeedRating move here from profiles.

State only: the tables keep their names (profiles_need, profiles_need_topics,
profiles_needtransition, profiles_needrating) with their constraints and indexes, so an
existing database moves forward with no data touched. matching 0005 points its foreign keys
here, then profiles 0005 forgets the models. The content types follow the models, so admin
history and permissions stay attached.
"""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

MOVED = ("need", "needtransition", "needrating")


def _move_content_types(apps, schema_editor, source, target):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        if not types.filter(app_label=target, model=model).exists():
            types.filter(app_label=source, model=model).update(app_label=target)


def content_types_forwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "profiles", "needs")


def content_types_backwards(apps, schema_editor):
    _move_content_types(apps, schema_editor, "needs", "profiles")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('hosts', '0002_invitations'),
        ('profiles', '0004_needs_desk'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Need',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='title')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('category', models.CharField(choices=[('technology', 'Technology'), ('talent', 'Talent'), ('financing', 'Financing'), ('policy', 'Policy'), ('market', 'Market'), ('other', 'Other')], default='technology', max_length=20, verbose_name='category')),
                        ('urgency', models.CharField(choices=[('low', 'Low'), ('normal', 'Normal'), ('high', 'High')], default='normal', max_length=10, verbose_name='urgency')),
                        ('status', models.CharField(choices=[('submitted', 'Submitted'), ('acknowledged', 'Acknowledged'), ('in_progress', 'In progress'), ('resolved', 'Resolved'), ('closed', 'Closed')], default='submitted', max_length=20, verbose_name='status')),
                        ('response_deadline', models.DateTimeField(blank=True, null=True, verbose_name='respond by')),
                        ('responded_at', models.DateTimeField(blank=True, null=True, verbose_name='first response at')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('reminded_on', models.DateField(blank=True, null=True, verbose_name='assignee last reminded on')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('keywords', models.JSONField(blank=True, default=list, verbose_name='free keywords')),
                        ('tokens', models.JSONField(blank=True, default=list, editable=False, verbose_name='search tokens')),
                        ('cooperation_forms', models.JSONField(blank=True, default=list, verbose_name='forms of cooperation wanted')),
                        ('budget_min', models.PositiveIntegerField(blank=True, null=True, verbose_name='budget from (CNY)')),
                        ('budget_max', models.PositiveIntegerField(blank=True, null=True, verbose_name='budget up to (CNY)')),
                        ('visibility', models.CharField(choices=[('public', 'Everyone'), ('restricted', 'Organizers and matched experts only')], default='public', max_length=20, verbose_name='visible to')),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='needs_assigned', to=settings.AUTH_USER_MODEL, verbose_name='assignee')),
                        ('company', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='needs', to='profiles.company', verbose_name='company')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='needs_created', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('host', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='needs', to='hosts.host', verbose_name='responsible host')),
                        ('topics', models.ManyToManyField(blank=True, db_table='profiles_need_topics', related_name='needs', to='profiles.topic', verbose_name='topics')),
                    ],
                    options={
                        'verbose_name': 'need',
                        'verbose_name_plural': 'needs',
                        'db_table': 'profiles_need',
                        'ordering': ['-created_at'],
                        'constraints': [
                            models.UniqueConstraint(fields=('company', 'title'), name='need_unique_title'),
                            models.CheckConstraint(condition=models.Q(('budget_min__isnull', True), ('budget_max__isnull', True), ('budget_min__lte', models.F('budget_max')), _connector='OR'), name='need_budget_range_ordered', violation_error_code='budget_range', violation_error_message='The lowest budget is above the highest.'),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name='NeedRating',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('score', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='satisfaction')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='rated at')),
                        ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='need_ratings', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('need', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='rating', to='needs.need', verbose_name='need')),
                    ],
                    options={
                        'verbose_name': 'need rating',
                        'verbose_name_plural': 'need ratings',
                        'db_table': 'profiles_needrating',
                        'constraints': [models.CheckConstraint(condition=models.Q(('score__gte', 1), ('score__lte', 5)), name='needrating_score_1_to_5')],
                    },
                ),
                migrations.CreateModel(
                    name='NeedTransition',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('from_status', models.CharField(blank=True, max_length=20, verbose_name='from')),
                        ('to_status', models.CharField(max_length=20, verbose_name='to')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='at')),
                        ('comment', models.TextField(blank=True, verbose_name='comment')),
                        ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='need_transitions', to=settings.AUTH_USER_MODEL, verbose_name='by')),
                        ('need', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='transitions', to='needs.need', verbose_name='need')),
                    ],
                    options={
                        'verbose_name': 'need transition',
                        'verbose_name_plural': 'need transitions',
                        'db_table': 'profiles_needtransition',
                        'ordering': ['at', 'id'],
                        'indexes': [models.Index(fields=['need', 'at'], name='needtransition_need_at')],
                    },
                ),
            ],
        ),
        migrations.RunPython(content_types_forwards, content_types_backwards),
    ]
