"""A short code on every registration, unique per event: existing registrations get one here,
new ones from the field's default."""

import secrets

from django.db import migrations, models

import events.models

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def fill_short_codes(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    taken: dict[int, set[str]] = {}
    for registration in Registration.objects.only("pk", "event_id").iterator():
        used = taken.setdefault(registration.event_id, set())
        code = ""
        while not code or code in used:
            code = "".join(secrets.choice(ALPHABET) for _ in range(8))
        used.add(code)
        Registration.objects.filter(pk=registration.pk).update(short_code=code)


class Migration(migrations.Migration):
    dependencies = [("events", "0006_session_room_en")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="short_code",
            field=models.CharField(
                default="",
                editable=False,
                max_length=8,
                verbose_name="short code",
            ),
            preserve_default=False,
        ),
        migrations.RunPython(fill_short_codes, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="registration",
            name="short_code",
            field=models.CharField(
                default=events.models.new_short_code,
                editable=False,
                help_text="Read aloud and typed at the door when the QR code cannot be scanned.",
                max_length=8,
                verbose_name="short code",
            ),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.UniqueConstraint(
                fields=("event", "short_code"), name="registration_short_code_unique_per_event"
            ),
        ),
    ]
