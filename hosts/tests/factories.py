import factory

from accounts.tests.factories import UserFactory
from hosts.models import Host, HostMembership


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    name = factory.Sequence(lambda n: f"驿站 {n}")
    slug = factory.Sequence(lambda n: f"host-{n}")
    status = Host.Status.APPROVED


class HostMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostMembership

    host = factory.SubFactory(HostFactory)
    user = factory.SubFactory(UserFactory)
    role = HostMembership.Role.STAFF
