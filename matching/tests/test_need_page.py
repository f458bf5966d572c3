"""The need's page shows its accepted introductions with both sides' contacts to the company and
its desk (matching.receivers.need_introductions_block)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from hosts.models import HostMembership
from hosts.tests.factories import HostFactory, HostMembershipFactory
from matching.models import Introduction
from matching.tests.factories import IntroductionFactory
from needs.tests.factories import submitted_need
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory

pytestmark = pytest.mark.django_db


def _accepted(need, *, email):
    expert = ExpertProfileFactory(email=email, phone="+8613800000000")
    return IntroductionFactory(
        need=need,
        expert=expert,
        status=Introduction.Status.ACCEPTED,
        expert_accepted_at=timezone.now(),
        decided_at=timezone.now(),
    )


@pytest.mark.parametrize(
    ("who", "sees"), [("company", True), ("staff", True), ("other", False), ("expert", False)]
)
def test_accepted_introductions_with_contacts_on_the_need_page(client, who, sees):
    host = HostFactory()
    staff = HostMembershipFactory(host=host, role=HostMembership.Role.STAFF).user
    company_user = CompanyMembershipFactory().user
    need = submitted_need(company=company_user.companies.get(), host=host)
    intro = _accepted(need, email="li@uni.example")
    viewer = {
        "company": company_user,
        "staff": staff,
        "other": CompanyMembershipFactory().user,
        "expert": ExpertProfileFactory(user=CompanyMembershipFactory().user).user,
    }[who]
    client.force_login(viewer)
    text = client.get(reverse("needs:need_detail", args=[need.pk])).content.decode()
    assert ("li@uni.example · +8613800000000" in text) is sees
    assert (intro.expert.name in text) is sees


@pytest.mark.parametrize("size", [1, 3])
def test_need_page_with_introductions_constant_queries(client, django_assert_num_queries, size):
    member = CompanyMembershipFactory().user
    need = submitted_need(company=member.companies.get())
    for n in range(size):
        _accepted(need, email=f"e{n}@uni.example")
    client.force_login(member)
    # The need page with both of matching's blocks: the accepted introductions (2 queries)
    # and the best three suggestions (7).
    with django_assert_num_queries(26):
        response = client.get(reverse("needs:need_detail", args=[need.pk]))
    assert response.content.decode().count("@uni.example") == size
