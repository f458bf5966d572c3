"""Personal data: what each app holds about a person, to export it and to erase it.

accounts is the lowest app and imports no app above it. Each higher app registers its part
from its AppConfig.ready():

    from accounts import personal_data
    personal_data.register("profiles", export_fn, erase_fn)

`export_fn(user)` returns plain JSON-able values (dates are fine: the export encodes them);
`erase_fn(user)` removes or anonymises what must go and returns a small summary (counts) that
is kept in the AccountDeletion record. Erase functions run inside the deletion's transaction,
before the account itself is anonymised, and must leave history that others rely on (chat
messages, need histories, ratings) in place: it stays attributed to the anonymised account,
which shows as "deleted user".
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Part:
    label: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], Any]


_parts: dict[str, Part] = {}


def register(label: str, export_fn: Callable[[Any], Any], erase_fn: Callable[[Any], Any]) -> None:
    """Add (or replace, so a second ready() call is harmless) an app's part."""
    _parts[label] = Part(label=label, export=export_fn, erase=erase_fn)


def parts() -> list[Part]:
    """The registered parts, in registration order (the apps' layer order)."""
    return list(_parts.values())
