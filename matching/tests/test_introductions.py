import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.tests.factories import UserFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from matching.models import Introduction
from matching.selectors import declined_pairs
from matching.services.introductions import (
    introduction_accept,
    introduction_create,
    introduction_decline,
    introduction_withdraw,
    introductions_expire,
)
from needs.models import Need
from needs.tests.factories import NeedFactory
from profiles.tests.factories import CompanyMembershipFactory, ExpertProfileFactory


@pytest.fixture
def pair(db):
    member = CompanyMembershipFactory()
    need = NeedFactory(company=member.company)
    expert_user = UserFactory()
    expert = ExpertProfileFactory(user=expert_user, email="expert@uni.example", phone="13800000000")
    return {"member": member.user, "need": need, "expert": expert, "expert_user": expert_user}


def test_company_request_counts_the_company_side_as_accepted(pair):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    assert intro.initiator == Introduction.Initiator.COMPANY
    assert intro.status == Introduction.Status.PENDING
    assert intro.company_accepted_at is not None
    assert intro.expert_accepted_at is None


def test_expert_acceptance_completes_a_request_and_records_consent(
    pair, mailoutbox, django_capture_on_commit_callbacks
):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    with django_capture_on_commit_callbacks(execute=True):
        intro = introduction_accept(introduction=intro, by=pair["expert_user"], side="expert")
    assert intro.status == Introduction.Status.ACCEPTED
    assert intro.expert_consent_at is not None
    assert sorted(mailoutbox[-1].to) == sorted([pair["member"].email, pair["expert_user"].email])
    assert "expert@uni.example" in mailoutbox[-1].body


def test_acceptance_is_no_response_of_the_desk(pair):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    introduction_accept(introduction=intro, by=pair["expert_user"], side="expert")
    pair["need"].refresh_from_db()
    assert (pair["need"].status, pair["need"].responded_at) == (Need.Status.SUBMITTED, None)


def test_expert_offer_waits_for_the_company(pair):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["expert_user"], initiator="expert"
    )
    assert intro.initiator == Introduction.Initiator.EXPERT
    intro = introduction_accept(introduction=intro, by=pair["member"], side="company")
    assert intro.status == Introduction.Status.ACCEPTED


def test_staff_proposal_needs_both_sides(pair):
    staff = HostMembershipFactory(role=HostMembership.Role.STAFF)
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=staff.user, initiator="staff", host=staff.host
    )
    intro = introduction_accept(introduction=intro, by=pair["member"], side="company")
    assert intro.status == Introduction.Status.PENDING
    intro = introduction_accept(introduction=intro, by=pair["expert_user"], side="expert")
    assert intro.status == Introduction.Status.ACCEPTED


def test_the_same_side_cannot_accept_twice(pair):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    with pytest.raises(ValidationError) as exc:
        introduction_accept(introduction=intro, by=pair["member"], side="company")
    assert exc.value.code == "forbidden"


def test_decline_blocks_the_pair_for_good(pair, mailoutbox, django_capture_on_commit_callbacks):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    with django_capture_on_commit_callbacks(execute=True):
        introduction_decline(
            introduction=intro, by=pair["expert_user"], side="expert", reason="档期已满"
        )
    assert (pair["need"].pk, pair["expert"].pk) in declined_pairs()
    assert "档期已满" in mailoutbox[-1].body
    with pytest.raises(ValidationError) as exc:
        introduction_create(
            need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
        )
    assert exc.value.code == "declined_before"


def test_the_proposer_may_withdraw(pair):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    intro = introduction_withdraw(introduction=intro, by=pair["member"])
    assert intro.status == Introduction.Status.WITHDRAWN
    assert declined_pairs() == set()


def test_only_one_open_introduction_per_pair(pair):
    introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    with pytest.raises(ValidationError) as exc:
        introduction_create(
            need=pair["need"], expert=pair["expert"], by=pair["expert_user"], initiator="expert"
        )
    assert exc.value.code == "duplicate"


def test_a_closed_need_takes_no_introductions(pair):
    Need.objects.filter(pk=pair["need"].pk).update(status=Need.Status.CLOSED)
    pair["need"].refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        introduction_create(
            need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
        )
    assert exc.value.code == "need_closed"


def test_pending_requests_are_capped(pair, settings):
    settings.INTRODUCTION_PENDING_CAP = 2
    for _n in range(2):
        introduction_create(
            need=pair["need"],
            expert=ExpertProfileFactory(user=UserFactory()),
            by=pair["member"],
            initiator="company",
        )
    with pytest.raises(ValidationError) as exc:
        introduction_create(
            need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
        )
    assert exc.value.code == "too_many_pending"


def test_expiry_tells_both_sides(pair, mailoutbox, django_capture_on_commit_callbacks):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    with django_capture_on_commit_callbacks(execute=True):
        count = introductions_expire(now=timezone.now() + dt.timedelta(days=8))
    intro.refresh_from_db()
    assert count == 1
    assert intro.status == Introduction.Status.EXPIRED
    assert sorted(mailoutbox[-1].to) == sorted([pair["member"].email, pair["expert_user"].email])


def test_expiry_leaves_fresh_requests(pair):
    introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    assert introductions_expire(now=timezone.now() + dt.timedelta(days=6)) == 0


def test_accepted_introduction_opens_the_expert_contact_to_the_company(pair):
    from profiles.permissions import can_view_expert_contact

    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    assert can_view_expert_contact(pair["member"], pair["expert"]) is False
    introduction_accept(introduction=intro, by=pair["expert_user"], side="expert")
    assert can_view_expert_contact(pair["member"], pair["expert"]) is True


def test_a_declined_introduction_keeps_the_contact_private(pair):
    from profiles.permissions import can_view_expert_contact

    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    introduction_decline(introduction=intro, by=pair["expert_user"], side="expert")
    assert can_view_expert_contact(pair["member"], pair["expert"]) is False


def test_acceptance_is_written_in_the_need_history_as_a_note(pair):
    intro = introduction_create(
        need=pair["need"], expert=pair["expert"], by=pair["member"], initiator="company"
    )
    introduction_accept(introduction=intro, by=pair["expert_user"], side="expert")
    steps = list(
        pair["need"]
        .transitions.exclude(from_status="")
        .order_by("at", "id")
        .values_list("from_status", "to_status", "by", "comment")
    )
    assert steps == [
        (
            "submitted",
            "submitted",
            pair["expert_user"].pk,
            _("Introduction to %(expert)s accepted by both sides.")
            % {"expert": pair["expert"].name},
        )
    ]
