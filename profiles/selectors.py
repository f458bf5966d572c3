from django.db.models import Q, QuerySet

from profiles.models import Company, CompanyMembership, ExpertProfile, Topic
from profiles.permissions import expert_visible_q
from profiles.taxonomy import labels_to_topics


def expert_profile_of(*, user) -> ExpertProfile | None:
    if not user.is_authenticated:
        return None
    return ExpertProfile.objects.filter(user=user).first()


def company_of(*, user) -> Company | None:
    """The company the person administers or belongs to (the first one, by name)."""
    if not user.is_authenticated:
        return None
    return Company.objects.filter(memberships__user=user).order_by("name").first()


def topic_with_descendants(slug: str) -> list[int]:
    """The topic's id and those of all topics below it (one query); [] for an unknown slug."""
    rows = list(Topic.objects.values_list("id", "slug", "parent_id"))
    root = next((tid for tid, s, _p in rows if s == slug), None)
    if root is None:
        return []
    children: dict[int, list[int]] = {}
    for tid, _s, parent in rows:
        children.setdefault(parent, []).append(tid)
    found, stack = [], [root]
    while stack:
        tid = stack.pop()
        found.append(tid)
        stack.extend(children.get(tid, []))
    return found


def topic_choices(*, used: QuerySet) -> QuerySet[Topic]:
    """The topics a list's filter offers: those that `used` (the topic ids the list's rows
    carry, e.g. the values of a many-to-many table's `topic_id`) names, the topics above them
    (a topic's filter includes every topic below it) and the roots. Not the whole taxonomy:
    thousands of options no one can scroll, rendered on every request. Two queries."""
    parents = dict(Topic.objects.values_list("id", "parent_id"))
    keep: set[int] = set()
    for tid in set(used.values_list("topic_id", flat=True)):
        while tid is not None and tid not in keep:
            keep.add(tid)
            tid = parents.get(tid)
    return (
        Topic.objects.filter(Q(pk__in=keep) | Q(parent__isnull=True))
        .order_by("name_zh")
        .only("slug", "name_zh", "name_en")
    )


def expert_topic_choices() -> QuerySet[Topic]:
    """The experts directory's topic filter: the topics experts carry, and the roots."""
    return topic_choices(used=ExpertProfile.topics.through.objects.values("topic_id"))


def expert_list(*, user, q: str = "", topic: str = "", institution: str = "") -> QuerySet:
    """Experts `user` may see, by name, with topics and importing host loaded.

    `q` searches names, institutions, fields and summaries, and the topic it names;
    `topic` (a slug) includes the topics below it; `institution` is a substring.
    """
    qs = ExpertProfile.objects.filter(expert_visible_q(user))
    if q := q.strip():
        text = (
            Q(name__icontains=q)
            | Q(institution__icontains=q)
            | Q(department__icontains=q)
            | Q(fields_text__icontains=q)
            | Q(research_summary__icontains=q)
        )
        topics, _unmatched = labels_to_topics([q])
        if topics:
            text |= Q(
                pk__in=ExpertProfile.topics.through.objects.filter(
                    topic_id__in=[t.pk for t in topics]
                ).values("expertprofile_id")
            )
        qs = qs.filter(text)
    if topic:
        ids = topic_with_descendants(topic)
        qs = qs.filter(
            pk__in=ExpertProfile.topics.through.objects.filter(topic_id__in=ids).values(
                "expertprofile_id"
            )
        )
    if institution := institution.strip():
        qs = qs.filter(institution__icontains=institution)
    return qs.select_related("imported_by").prefetch_related("topics").order_by("name", "pk")


def expert_detail(*, user, pk: int) -> ExpertProfile | None:
    return (
        ExpertProfile.objects.filter(expert_visible_q(user), pk=pk)
        .select_related("imported_by", "user")
        .prefetch_related("topics")
        .first()
    )


def company_list(*, q: str = "", industry: str = "", district: str = "") -> QuerySet:
    """Every company, by name, with its parent and verifying host loaded."""
    qs = Company.objects.all()
    if q := q.strip():
        qs = qs.filter(Q(name__icontains=q) | Q(description__icontains=q))
    if industry:
        qs = qs.filter(industry=industry)
    if district := district.strip():
        qs = qs.filter(district=district)
    return qs.select_related("parent", "verified_by").order_by("name", "pk")


def company_detail(*, pk: int) -> Company | None:
    return Company.objects.filter(pk=pk).select_related("parent", "verified_by").first()


def company_ids_of(user) -> frozenset[int]:
    """Ids of the companies `user` belongs to, remembered on the user object for the request."""
    if not user or not user.is_authenticated:
        return frozenset()
    ids = getattr(user, "_company_ids", None)
    if ids is None:
        ids = frozenset(
            CompanyMembership.objects.filter(user=user).values_list("company_id", flat=True)
        )
        user._company_ids = ids
    return ids


def topic_search(*, q: str = "", limit: int = 50) -> list[Topic]:
    """Topics whose slug, names or synonyms contain `q` (all when empty), by Chinese name, at
    most `limit` (one query; synonyms are matched here, as JSON text differs by database)."""
    topics = Topic.objects.select_related("parent").order_by("name_zh")
    q = (q or "").strip().casefold()
    if not q:
        return list(topics[:limit])
    found = [t for t in topics if any(q in term.casefold() for term in [t.slug, *t.terms] if term)]
    return found[:limit]
