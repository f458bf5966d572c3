"""Seed the starter taxonomy and bring existing rows to the new fields.

- topics come from profiles/data/taxonomy.json (upserted by slug, so re-running is harmless);
- free-text industries become GB/T 4754 section letters where recognised;
- profiles that already have an account count as claimed.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    from profiles.labels import INDUSTRY_WORDS, INDUSTRY_ZH
    from profiles.taxonomy import seed_topics, starter_topics

    seed_topics(apps.get_model("profiles", "Topic"), starter_topics())

    Company = apps.get_model("profiles", "Company")
    by_name = {name: code for code, name in INDUSTRY_ZH.items()}
    for company in Company.objects.exclude(industry=""):
        label = company.industry.strip()
        code = by_name.get(label) or next(
            (c for word, c in INDUSTRY_WORDS if word in label.casefold()), ""
        )
        if len(label) == 1 and label.upper() in INDUSTRY_ZH:
            code = label.upper()
        Company.objects.filter(pk=company.pk).update(industry=code)

    ExpertProfile = apps.get_model("profiles", "ExpertProfile")
    for profile in ExpertProfile.objects.filter(user__isnull=False, claimed_at__isnull=True):
        ExpertProfile.objects.filter(pk=profile.pk).update(claimed_at=profile.created_at)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0002_topics_and_profile_fields")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
