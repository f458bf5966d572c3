from django.conf import settings


def site(request):
    """Names every page needs: the site name and the privacy notice's version."""
    return {
        "SITE_NAME": settings.SITE_NAME,
        "PRIVACY_NOTICE_VERSION": settings.PRIVACY_NOTICE_VERSION,
    }
