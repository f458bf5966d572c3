from allauth.core.exceptions import RateLimited
from allauth.core.internal.ratelimit import respond_429


class RateLimitedMiddleware:
    """Answers allauth's RateLimited with its 429 page (or headless 429 JSON).

    allauth raises it from a login stage when a text would go out too often to one number (a
    second sign-up with the number within a minute), and its sign-up views do not catch it:
    without this, a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RateLimited):
            return respond_429(request)
        return None
