import factory
from django.utils import timezone

from profiles.models import Company, CompanyMembership, ExpertProfile


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
