import pytest
from django.urls import reverse

from profiles.models import Topic
from profiles.tests.factories import ExpertProfileFactory


@pytest.mark.django_db
def test_staff_add_a_topic_with_synonyms_in_the_admin(admin_client):
    parent = Topic.objects.get(slug="water-treatment")
    admin_client.post(
        reverse("admin:profiles_topic_add"),
        {
            "slug": "zero-liquid-discharge",
            "name_zh": "零排放",
            "name_en": "Zero liquid discharge",
            "parent": parent.pk,
            "synonyms_zh": "废水零排放、近零排放",
            "synonyms_en": "ZLD",
        },
    )
    topic = Topic.objects.get(slug="zero-liquid-discharge")
    assert (topic.synonyms_zh, topic.synonyms_en, topic.parent) == (
        ["废水零排放", "近零排放"],
        ["ZLD"],
        parent,
    )


@pytest.mark.django_db
def test_admin_edit_of_an_expert_recomputes_topics(admin_client):
    expert = ExpertProfileFactory(fields_text="")
    url = reverse("admin:profiles_expertprofile_change", args=[expert.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        fields_text="污水处理",
        achievements="[]",
        cooperation_forms="[]",
        languages="[]",
        created_at_0=expert.created_at.strftime("%Y-%m-%d"),
        created_at_1=expert.created_at.strftime("%H:%M:%S"),
    )
    admin_client.post(url, data)
    assert list(expert.topics.values_list("slug", flat=True)) == ["wastewater-treatment"]
