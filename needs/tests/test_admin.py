import pytest
from django.urls import reverse

from accounts.services import user_delete
from accounts.tests.factories import UserFactory
from needs.tests.factories import submitted_need

pytestmark = pytest.mark.django_db


def test_admin_need_page_shows_history(client):
    need = submitted_need(title="管理后台需求")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:needs_need_change", args=[need.pk]))
    assert response.status_code == 200
    assert "管理后台需求" in response.content.decode()
    assert response.context["inline_admin_formsets"][0].formset.queryset.count() == 1


def test_admin_lists_account_deletions(client):
    user_delete(user=UserFactory())
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("admin:accounts_accountdeletion_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
