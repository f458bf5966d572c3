import factory

from accounts.tests.factories import UserFactory
from chat.models import Message
from events.tests.factories import SessionFactory


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    session = factory.SubFactory(SessionFactory)
    event = factory.LazyAttribute(lambda o: o.session.event if o.session else None)
    author = factory.SubFactory(UserFactory)
    author_role = Message.Role.GUEST
    body = factory.Sequence(lambda n: f"消息 {n}")
