"""A record's topics, free keywords and stored tokens, recomputed from its labels and text.

Expert profiles (here) and needs (needs.services) share this piece, so it sits below both
services modules. Tokens are computed on save and stored; the matcher reads them.
"""

from profiles.models import ExpertProfile
from profiles.signals import expert_changed
from profiles.taxonomy import labels_to_topics, topic_ids_in_text
from profiles.text import split_labels, tokenize


def terms_refresh(record, *, labels: list[str], text: str):
    """Set `record`'s keywords (the labels that match no topic), tokens (of `text`) and topics
    (the labels' topics, then those named in the text), and save them.

    `record` is a model with `keywords`, `tokens`, `updated_at` and a `topics` M2M.
    """
    topics, keywords = labels_to_topics(labels)
    tokens = tokenize(text)
    record.keywords = keywords
    record.tokens = tokens
    record.save(update_fields=["keywords", "tokens", "updated_at"])
    ids = [t.id for t in topics]
    ids += [i for i in topic_ids_in_text(tokens) if i not in ids]
    record.topics.set(ids)
    return record


def expert_terms_refresh(profile: ExpertProfile) -> ExpertProfile:
    """Recompute the profile's topics, free keywords and stored tokens from its text.

    Fields are matched to topics (names and synonyms); unmatched ones become keywords; topics
    named in the research summary or achievements are added too.
    """
    labels = split_labels(profile.fields_text)
    text = "\n".join([*labels, profile.research_summary, *map(str, profile.achievements)])
    terms_refresh(profile, labels=labels, text=text)
    expert_changed(profile)
    return profile
