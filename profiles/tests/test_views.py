import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import PrivacyConsent
from accounts.tests.factories import UserFactory
from hosts.models import HostMembership
from hosts.tests.factories import HostMembershipFactory
from profiles.models import Company, CompanyMembership, ExpertProfile, ImportBatch, Topic
from profiles.services import expert_claim_invite
from profiles.tests.factories import CompanyFactory, CompanyMembershipFactory, ExpertProfileFactory

EXPERTS_CSV = (
    "name,title,institution,department,fields,research_summary,email,phone\n"
    "李水清,教授,山东大学,环境学院,污水处理、膜分离,,li@example.edu.cn,\n"
    "坏行,教授,山东大学,,,,not-an-email,\n"
)


@pytest.fixture
def staff(db):
    return HostMembershipFactory(role=HostMembership.Role.STAFF)


def _with_topics(n):
    wastewater = Topic.objects.get(slug="wastewater-treatment")
    for _ in range(n):
        ExpertProfileFactory().topics.add(wastewater)


@pytest.mark.parametrize("size", [1, 3])
def test_expert_directory_runs_constant_queries(db, client, django_assert_num_queries, size):
    _with_topics(size)
    url = reverse("profiles:expert_directory") + "?topic=water-treatment&institution=山东"
    # count, page, topics of the page, topic filter tree, topic choices (the topics experts
    # carry, the tree above them, the choices)
    with django_assert_num_queries(7):
        response = client.get(url)
    assert len(response.context["page"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_company_directory_runs_constant_queries(db, client, django_assert_num_queries, size):
    for _ in range(size):
        CompanyFactory(parent=CompanyFactory(name=f"母公司{_}{size}"))
    with django_assert_num_queries(2):
        response = client.get(reverse("profiles:company_directory") + "?q=母公司")
    assert len(response.context["page"]) == size


@pytest.mark.parametrize("size", [1, 3])
def test_expert_api_list_runs_constant_queries(world, client_for, django_assert_num_queries, size):
    _with_topics(size - 1)  # plus the world's expert
    client = client_for(world.actor("host_staff"))
    # session, user, staff hosts, count, page, topics, and one per contact rule
    # (registrations from events, accepted introductions from matching)
    with django_assert_num_queries(8):
        response = client.get("/api/v1/experts/")
    assert response.json()["count"] == size


@pytest.mark.parametrize("size", [1, 3])
def test_enterprise_api_list_runs_constant_queries(db, client, django_assert_num_queries, size):
    for _ in range(size):
        CompanyFactory()
    with django_assert_num_queries(2):
        response = client.get("/api/v1/enterprises/?industry=C")
    assert response.json()["count"] == size


def test_expert_directory_searches_by_topic_synonym(db, client):
    li = ExpertProfileFactory(name="李水清", fields_text="污水处理")
    li.topics.add(Topic.objects.get(slug="wastewater-treatment"))
    ExpertProfileFactory(name="孙摩擦")
    response = client.get(reverse("profiles:expert_directory"), {"q": "wastewater treatment"})
    assert [e.name for e in response.context["page"]] == ["李水清"]


def test_import_preview_saves_nothing_then_confirm_imports(
    staff, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(staff.user)
    upload = SimpleUploadedFile("experts.csv", EXPERTS_CSV.encode("utf-8-sig"))
    response = client.post(
        reverse("profiles:import_upload", args=["experts"]), {"host": staff.host.pk, "file": upload}
    )
    batch = ImportBatch.objects.get()
    preview = client.get(response.url)
    assert response.url == reverse("profiles:import_preview", args=[batch.token])
    assert preview.context["counts"] == {"created": 1, "updated": 0, "unchanged": 0, "rejected": 1}
    assert preview.context["rows"][1]["errors"] == ["需要有效的电子邮箱。"]
    assert ExpertProfile.objects.count() == 0
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("profiles:import_preview", args=[batch.token]))
    batch.refresh_from_db()
    assert batch.result["created"] == 1 and batch.applied_at is not None
    assert batch.rows == []
    assert list(ExpertProfile.objects.values_list("email", "imported_by")) == [
        ("li@example.edu.cn", staff.host.pk)
    ]
    assert [m.to for m in mailoutbox] == [["li@example.edu.cn"]]
    upload = SimpleUploadedFile("experts.csv", EXPERTS_CSV.encode("gb18030"))
    again = client.post(
        reverse("profiles:import_upload", args=["experts"]), {"host": staff.host.pk, "file": upload}
    )
    counts = client.get(again.url).context["counts"]
    assert counts == {"created": 0, "updated": 0, "unchanged": 1, "rejected": 1}


def test_import_upload_shows_unreadable_file_as_form_error(staff, client):
    client.force_login(staff.user)
    upload = SimpleUploadedFile("experts.csv", b"name,email\nx,y\n")
    response = client.post(
        reverse("profiles:import_upload", args=["experts"]), {"host": staff.host.pk, "file": upload}
    )
    assert response.context["form"].errors["file"] == [
        "表头缺少以下列：title, institution, department, fields, research_summary, phone。"
    ]
    assert ImportBatch.objects.count() == 0


def test_claim_needs_consent_then_records_it(
    db, client, mailoutbox, django_capture_on_commit_callbacks
):
    profile = ExpertProfileFactory(claimed_at=None, email="li@example.edu.cn")
    with django_capture_on_commit_callbacks(execute=True):
        expert_claim_invite(profile=profile)
    profile.refresh_from_db()
    url = reverse("profiles:expert_claim", args=[profile.claim_token])
    assert len(profile.claim_token) >= 40 and url in mailoutbox[0].body
    user = UserFactory(email="li@example.edu.cn")
    client.force_login(user)
    refused = client.post(url, {})
    assert refused.status_code == 200 and not ExpertProfile.objects.get().is_claimed
    response = client.post(url, {"consent": "on"})
    profile.refresh_from_db()
    assert response.url == reverse("profiles:expert_edit")
    assert (profile.user, profile.is_claimed, profile.claim_token) == (user, True, None)
    assert list(user.privacy_consents.values_list("context", flat=True)) == [
        PrivacyConsent.Context.PROFILE_CLAIM
    ]
    assert client.get(url).status_code == 404  # the link works once


def test_expert_edit_links_fields_to_topics(db, client):
    user = UserFactory()
    client.force_login(user)
    client.post(
        reverse("profiles:expert_edit"),
        {
            "name": "王",
            "fields_text": "Wastewater treatment, 量子传感",
            "achievements": "发明专利一项\n论文二",
            "cooperation_forms": ["consulting", "joint_rd"],
            "languages": "中文、English",
            "max_active_engagements": 2,
            "visibility": "signed_in",
            "email": "w@example.com",
        },
    )
    profile = ExpertProfile.objects.get(user=user)
    # the field names one topic; the achievements name another (发明专利 is a synonym of 专利)
    assert sorted(profile.topics.values_list("slug", flat=True)) == [
        "patents",
        "wastewater-treatment",
    ]
    assert (profile.keywords, profile.achievements) == (["量子传感"], ["发明专利一项", "论文二"])
    assert (profile.languages, profile.is_claimed) == (["中文", "English"], True)


def test_company_admin_invites_a_colleague_who_joins(
    db, client, mailoutbox, django_capture_on_commit_callbacks
):
    admin = CompanyMembershipFactory()
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("profiles:company_invite", args=[admin.company.pk]), {"email": "c@x.cn"}
        )
    token = admin.company.invitations.get().token
    assert reverse("profiles:company_join", args=[token]) in mailoutbox[0].body
    colleague = UserFactory(email="c@x.cn")
    client.force_login(colleague)
    client.post(reverse("profiles:company_join", args=[token]))
    assert CompanyMembership.objects.get(user=colleague).is_admin is False
    assert client.post(reverse("profiles:company_join", args=[token])).url == reverse("home")


def test_company_member_who_is_not_admin_cannot_invite(db, client):
    member = CompanyMembershipFactory(is_admin=False)
    client.force_login(member.user)
    response = client.post(
        reverse("profiles:company_invite", args=[member.company.pk]), {"email": "c@x.cn"}
    )
    assert response.status_code == 404 and not member.company.invitations.exists()


def test_host_staff_marks_company_verified(staff, client):
    company = CompanyFactory()
    client.force_login(staff.user)
    client.post(reverse("profiles:company_verify", args=[company.pk]), {"host": staff.host.pk})
    company.refresh_from_db()
    assert (company.is_verified, company.verified_by) == (True, staff.host)


def test_non_staff_cannot_mark_company_verified(db, client):
    company = CompanyFactory()
    other = HostMembershipFactory()
    client.force_login(UserFactory())
    response = client.post(
        reverse("profiles:company_verify", args=[company.pk]), {"host": other.host.pk}
    )
    company.refresh_from_db()
    assert (response.status_code, company.is_verified) == (404, False)


def test_company_edit_links_a_known_parent_and_checks_the_credit_code(db, client):
    parent = CompanyFactory(name="青岛澳柯玛控股集团有限公司")
    user = UserFactory()
    client.force_login(user)
    data = {"name": "灵山湾新能源", "parent_name": parent.name, "industry": "D"}
    wrong = client.post(reverse("profiles:company_edit"), {**data, "credit_code": "123"})
    client.post(reverse("profiles:company_edit"), {**data, "credit_code": "91350100m000100y43"})
    company = Company.objects.get(name="灵山湾新能源")
    assert wrong.context["form"].errors["credit_code"] == [
        "统一社会信用代码应为 18 位，此处为 3 位。"
    ]
    assert (company.parent, company.credit_code) == (parent, "91350100M000100Y43")
    assert CompanyMembership.objects.get(company=company).user == user


def test_topic_label_follows_the_language(db):
    from django.utils import translation

    topic = Topic.objects.get(slug="wastewater-treatment")
    with translation.override("en"):
        english = topic.label
    assert (topic.label, english) == ("污水处理", "Wastewater treatment")


def test_import_batch_applies_only_once(staff, client):
    client.force_login(staff.user)
    upload = SimpleUploadedFile("experts.csv", EXPERTS_CSV.encode("utf-8"))
    response = client.post(
        reverse("profiles:import_upload", args=["experts"]), {"host": staff.host.pk, "file": upload}
    )
    client.post(response.url)
    ExpertProfile.objects.all().delete()
    client.post(response.url)
    assert ExpertProfile.objects.count() == 0
    assert ImportBatch.objects.get().result["created"] == 1


@pytest.mark.django_db
def test_directory_topic_filter_offers_the_topics_in_use_their_parents_and_the_roots(client):
    wastewater = Topic.objects.get(slug="wastewater-treatment")
    ExpertProfileFactory().topics.add(wastewater)
    response = client.get(reverse("profiles:expert_directory"))
    offered = {topic.slug for topic in response.context["topics"]}
    above, parent = set(), wastewater.parent
    while parent is not None:
        above.add(parent.slug)
        parent = parent.parent
    roots = set(Topic.objects.filter(parent__isnull=True).values_list("slug", flat=True))
    assert above  # the filter reaches the topic from its parents too
    assert offered == {"wastewater-treatment"} | above | roots
    assert len(offered) < Topic.objects.count()


@pytest.mark.parametrize(
    ("email", "verified", "expected"),
    [
        ("li@example.edu.cn", True, 200),
        ("LI@Example.edu.cn", True, 200),
        ("li@example.edu.cn", False, 403),
        ("someone@example.com", True, 403),
    ],
)
def test_claim_link_works_only_for_its_verified_address(db, client, email, verified, expected):
    profile = ExpertProfileFactory(claimed_at=None, email="li@example.edu.cn", claim_token="t" * 43)
    user = UserFactory(email=email, verified=verified)
    client.force_login(user)
    url = reverse("profiles:expert_claim", args=[profile.claim_token])
    page = client.get(url)
    response = client.post(url, {"consent": "on"})
    profile.refresh_from_db()
    assert page.status_code == expected
    if expected == 403:
        assert response.status_code == 403
        assert response.context["refused"] is True
        assert (profile.user, profile.is_claimed) == (None, False)
    else:
        assert response.url == reverse("profiles:expert_edit")
        assert (profile.user, profile.is_claimed) == (user, True)


@pytest.mark.parametrize(
    ("email", "verified", "expected"),
    [("c@x.cn", True, 302), ("c@x.cn", False, 403), ("d@x.cn", True, 403)],
)
def test_company_invitation_joins_only_its_verified_address(db, client, email, verified, expected):
    from profiles.models import CompanyInvitation

    admin = CompanyMembershipFactory()
    invitation = CompanyInvitation.objects.create(
        company=admin.company, email="c@x.cn", token="j" * 43
    )
    user = UserFactory(email=email, verified=verified)
    client.force_login(user)
    url = reverse("profiles:company_join", args=[invitation.token])
    response = client.post(url)
    assert response.status_code == expected
    members = set(admin.company.memberships.values_list("user_id", flat=True))
    assert members == ({admin.user_id, user.pk} if expected == 302 else {admin.user_id})
    if expected == 403:
        assert response.context["refused"] is True


@pytest.mark.parametrize("host", ["not-a-number", "²", "9" * 30, ""])
def test_company_verify_with_a_malformed_host_is_404(db, client, host):
    staff = HostMembershipFactory()
    company = CompanyFactory()
    client.force_login(staff.user)
    response = client.post(reverse("profiles:company_verify", args=[company.pk]), {"host": host})
    assert response.status_code == 404
    company.refresh_from_db()
    assert company.verified_by_id is None
