"""Extra ways to be allowed an expert's contact details, registered by higher apps.

The contact rule needs facts this app may not import (registrations in events, accepted
introductions in matching), so those apps register a rule here from their AppConfig.ready():

    contact_access.register(rule)

A rule is `rule(user, experts) -> set of expert ids` whose contact `user` may see; it gets a
signed-in, non-superuser user and a list of profiles, and must run a constant number of
queries whatever the list's length (directory and API pages call it once per page).
"""

from collections.abc import Callable, Iterable

Rule = Callable[[object, list], set[int]]
_rules: list[Rule] = []


def register(rule: Rule) -> Rule:
    """Add a rule (idempotent; usable as a decorator)."""
    if rule not in _rules:
        _rules.append(rule)
    return rule


def unregister(rule: Rule) -> None:
    if rule in _rules:
        _rules.remove(rule)


def rules() -> Iterable[Rule]:
    return tuple(_rules)
