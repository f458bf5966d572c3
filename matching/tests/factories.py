import datetime as dt

import factory
from django.utils import timezone

from matching.models import Introduction
from needs.tests.factories import NeedFactory
from profiles.tests.factories import ExpertProfileFactory


class IntroductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Introduction

    need = factory.SubFactory(NeedFactory)
    expert = factory.SubFactory(ExpertProfileFactory)
    initiator = Introduction.Initiator.COMPANY
    company_accepted_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=7))
