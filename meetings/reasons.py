"""Round-table seats' reasons in words, in the reader's language (the seating engine itself
stays free of Django)."""

from django.utils import translation
from django.utils.translation import gettext as _

from meetings.engine.seating import Seat


def seat_reason(
    seat: Seat, *, lang: str, topic_names: dict[int, str], names: dict[int, str]
) -> str:
    """Why a guest sits at their table, in `lang`."""
    sep = "、" if lang.startswith("zh") else ", "
    with translation.override(lang):
        if not seat.shared_topics:
            return _("Seated to balance experts and companies across the tables")
        return _("Shares %(topics)s with %(people)s") % {
            "topics": sep.join(topic_names.get(t, str(t)) for t in seat.shared_topics),
            "people": sep.join(names.get(p, str(p)) for p in seat.shared_with),
        }
