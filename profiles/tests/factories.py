import factory
from django.utils import timezone

from profiles.models import Company, CompanyMembership, ExpertProfile, Need


class ExpertProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertProfile

    name = factory.Sequence(lambda n: f"专家{n}")
    title = "教授"
    institution = "山东大学"
    email = factory.Sequence(lambda n: f"expert{n}@example.edu.cn")
    phone = "13800000000"
    wechat = "expert_wx"
    claimed_at = factory.LazyFunction(timezone.now)


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"青岛示例科技有限公司{n}")
    industry = "C"
    district = "黄岛区"


class CompanyMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyMembership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory("accounts.tests.factories.UserFactory")
    is_admin = True


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"需求{n}")
    description = "希望与高校合作解决技术难题。"


def submitted_need(**kwargs) -> Need:
    """A need posted through the service, so its history starts with "submitted"."""
    from profiles.services import need_create

    company = kwargs.pop("company", None) or CompanyFactory()
    return need_create(
        company=company,
        title=kwargs.pop("title", f"需求 {Need.objects.count() + 1}"),
        description=kwargs.pop("description", "希望与高校合作解决技术难题。"),
        **kwargs,
    )
