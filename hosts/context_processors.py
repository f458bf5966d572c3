from hosts.selectors import hosts_of_user


def navigation(request):
    """The hosts a signed-in person works for, so the menu can offer the organizer area."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_hosts": []}
    return {"nav_hosts": list(hosts_of_user(user=user))}
