"""allauth login stages adjusted to accounts that have no email address."""

from allauth.account import stages
from allauth.account.models import EmailAddress


class EmailVerificationStage(stages.EmailVerificationStage):
    """allauth's email verification, for accounts that have an email address.

    An account made with a mobile number (verified by SMS in the stage before this one) or with
    WeChat has none: there is nothing to verify, and with ACCOUNT_EMAIL_VERIFICATION=mandatory
    allauth would otherwise stop it at "verification sent" for good.
    """

    def handle(self):
        user = self.login.user
        if (
            user is not None
            and not self.login.email
            and not user.email
            and not EmailAddress.objects.filter(user=user).exists()
        ):
            return None, True
        return super().handle()
