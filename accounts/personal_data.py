"""Personal data: what each app holds about a person, to export it and to erase it.

accounts is the lowest app and imports no app above it. Each higher app registers its part
from its AppConfig.ready():

    from accounts import personal_data
    personal_data.register("profiles", export_fn, erase_fn, models=["profiles.ExpertProfile"])

`models` names (as "app_label.ModelName") the models with a key to the user or to an expert
profile that the part exports or erases; a test walks every installed model with such a key and
fails when no part names it (accounts/tests/test_personal_data_coverage.py).

`export_fn(user)` returns plain JSON-able values (dates are fine: the export encodes them);
`erase_fn(user)` removes or anonymises what must go and returns a small summary (counts) that
is kept in the AccountDeletion record. Erase functions run inside the deletion's transaction,
before the account itself is anonymised, and must leave history that others rely on (chat
messages, need histories, ratings) in place: it stays attributed to the anonymised account,
which shows as "deleted user".
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Part:
    label: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], Any]
    models: tuple[str, ...] = ()


_parts: dict[str, Part] = {}


def register(
    label: str,
    export_fn: Callable[[Any], Any],
    erase_fn: Callable[[Any], Any],
    *,
    models: Iterable[str] = (),
) -> None:
    """Add (or replace, so a second ready() call is harmless) an app's part; `models` are the
    labels of the models it covers."""
    _parts[label] = Part(label=label, export=export_fn, erase=erase_fn, models=tuple(models))


def parts() -> list[Part]:
    """The registered parts, in registration order (the apps' layer order)."""
    return list(_parts.values())
