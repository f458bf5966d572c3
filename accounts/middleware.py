from allauth.core.exceptions import RateLimited
from allauth.core.internal.ratelimit import respond_429
from allauth.socialaccount.models import SocialApp
from django.http import Http404


class AllauthErrorsMiddleware:
    """Turns two of allauth's exceptions that its views let through into proper answers:

    - RateLimited, raised from a login stage when a text would go out too often to one number
      (a second sign-up with the number within a minute): allauth's 429 page (or headless 429
      JSON) instead of a 500;
    - SocialApp.DoesNotExist, raised by a provider's login URL when that provider is not
      configured (WeChat without WECHAT_APP_ID): 404, as for any page that is not there.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return respond_429(request)
        if isinstance(exception, SocialApp.DoesNotExist):
            raise Http404 from exception
        return None
