"""What the site menu shows of introductions."""

from matching.selectors import pending_introductions_count


def introductions(request):
    """`nav_pending_introductions`: how many introductions wait for the signed-in person's
    answer. A callable, so templates count (one query) only when they show it, and the
    count is kept on the request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count() -> int:
        if not hasattr(request, "_pending_introductions"):
            request._pending_introductions = pending_introductions_count(user=user)
        return request._pending_introductions

    return {"nav_pending_introductions": count}
