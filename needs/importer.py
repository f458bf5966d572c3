"""Need rows: company,industry,district,title,description,category,tags,urgency — the "needs"
kind of the organizers' bulk import (profiles.importers; NeedsConfig adds the kind) — and,
when the file has them, cooperation_forms (consulting;joint_rd;…), budget_min, budget_max
(whole CNY), wanted_by (YYYY-MM-DD) and visibility (public, members, restricted).

Upserted by company name + need title. An unknown company is created with the industry and
district when recognised (never a reason to reject) and the parent organisation when the
description names one.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from needs.models import Need
from needs.services import need_create, need_terms_refresh, wanted_by_clean
from profiles.labels import district_from_label, industry_from_label, parent_from_description
from profiles.models import Company, CooperationForm
from profiles.taxonomy import labels_to_topic_ids
from profiles.text import split_labels

COLUMNS = ["company", "industry", "district", "title", "description", "category", "tags", "urgency"]
OPTIONAL_COLUMNS = ["cooperation_forms", "budget_min", "budget_max", "wanted_by", "visibility"]
# The fields an optional column fills, compared when a need is imported again.
OPTIONAL_FIELDS = ["cooperation_forms", "budget_min", "budget_max", "wanted_by", "visibility"]

# Labels people type in the category and urgency columns.
CATEGORIES = {
    "technology": Need.Category.TECHNOLOGY,
    "技术": Need.Category.TECHNOLOGY,
    "talent": Need.Category.TALENT,
    "人才": Need.Category.TALENT,
    "financing": Need.Category.FINANCING,
    "融资": Need.Category.FINANCING,
    "policy": Need.Category.POLICY,
    "政策": Need.Category.POLICY,
    "market": Need.Category.MARKET,
    "市场": Need.Category.MARKET,
    "other": Need.Category.OTHER,
    "其他": Need.Category.OTHER,
    "其它": Need.Category.OTHER,
}
URGENCIES = {
    "low": Need.Urgency.LOW,
    "低": Need.Urgency.LOW,
    "normal": Need.Urgency.NORMAL,
    "一般": Need.Urgency.NORMAL,
    "中": Need.Urgency.NORMAL,
    "high": Need.Urgency.HIGH,
    "紧急": Need.Urgency.HIGH,
    "高": Need.Urgency.HIGH,
}


def category_from_label(label: str) -> str | None:
    return CATEGORIES.get((label or "").strip().casefold())


def urgency_from_label(label: str) -> str | None:
    return URGENCIES.get((label or "").strip().casefold())


def check(row: dict) -> tuple[dict, list[str]]:
    errors = []
    if not row["company"]:
        errors.append(_("The company is missing."))
    if not row["title"]:
        errors.append(_("The need's title is missing."))
    if len(row["company"]) > 200 or len(row["title"]) > 200:
        errors.append(_("The company or title is longer than 200 characters."))
    category = category_from_label(row["category"]) if row["category"] else Need.Category.OTHER
    if category is None:
        errors.append(
            _(
                "Unknown category “%(value)s”: use technology, talent, financing, policy, "
                "market or other (技术、人才、融资、政策、市场、其他)."
            )
            % {"value": row["category"]}
        )
    urgency = urgency_from_label(row["urgency"]) if row["urgency"] else Need.Urgency.NORMAL
    if urgency is None:
        errors.append(
            _("Unknown urgency “%(value)s”: use low, normal or high (低、一般、紧急).")
            % {"value": row["urgency"]}
        )
    optional, optional_errors = _check_optional(row)
    errors += optional_errors
    values = {
        **optional,
        "company": row["company"],
        "industry": industry_from_label(row["industry"]) or "",
        "district": district_from_label(row["district"]) or row["district"][:100],
        "title": row["title"],
        "description": row["description"],
        "category": category,
        "urgency": urgency,
        "tags": split_labels(row["tags"]),
    }
    return values, errors


def _check_optional(row: dict) -> tuple[dict, list[str]]:
    """The optional columns' values (only those the row fills) and their errors."""
    values: dict = {}
    errors: list[str] = []
    forms = split_labels(row.get("cooperation_forms", ""))
    wrong = [f for f in forms if f not in CooperationForm.values]
    if wrong:
        errors.append(
            _("Unknown form of cooperation “%(value)s”: use %(choices)s.")
            % {"value": ", ".join(wrong), "choices": ", ".join(CooperationForm.values)}
        )
    elif forms:
        values["cooperation_forms"] = forms
    for name in ("budget_min", "budget_max"):
        text = row.get(name, "").replace(",", "")
        if text and not (text.isdigit() and int(text) <= 2_000_000_000):
            errors.append(
                _("The budget “%(value)s” is not a whole number of yuan.") % {"value": row[name]}
            )
        elif text:
            values[name] = int(text)
    if row.get("wanted_by"):
        try:
            values["wanted_by"] = wanted_by_clean(dt.date.fromisoformat(row["wanted_by"]))
        except ValueError:
            errors.append(
                _("The date “%(value)s” is not a date like 2026-09-30.")
                % {"value": row["wanted_by"]}
            )
        except ValidationError as exc:
            errors += exc.messages
    visibility = row.get("visibility", "").casefold()
    if visibility and visibility not in Need.Visibility.values:
        errors.append(
            _("Unknown visibility “%(value)s”: use public, members or restricted.")
            % {"value": row["visibility"]}
        )
    elif visibility:
        values["visibility"] = visibility
    return values, errors


def label(row: dict) -> str:
    return f"{row['company']} · {row['title']}"


def _company(values: dict) -> tuple[Company, bool]:
    """The named company, created if unknown; blanks filled in. (company, changed?)"""
    company = Company.objects.filter(name=values["company"]).first()
    created = company is None
    if created:
        company = Company(name=values["company"])
    changed = created
    parent_name = parent_from_description(values["description"])
    fill = {
        "industry": values["industry"],
        "district": values["district"],
        "parent_name": parent_name,
    }
    for key, value in fill.items():
        if value and not getattr(company, key):
            setattr(company, key, value)
            changed = True
    if company.parent_name and company.parent_id is None:
        parent = Company.objects.filter(name=company.parent_name).exclude(pk=company.pk).first()
        if parent is not None:
            company.parent = parent
            changed = True
    if changed:
        company.full_clean()
        company.save()
    return company, changed and not created


def write(values: dict, host) -> str:
    company, company_changed = _company(values)
    need = Need.objects.filter(company=company, title=values["title"]).first()
    if need is None:
        need_create(
            company=company,
            title=values["title"],
            description=values["description"],
            category=values["category"],
            urgency=values["urgency"],
            tags=values["tags"],
            **{k: values[k] for k in OPTIONAL_FIELDS if k in values},
        )
        return "created"
    topic_ids, keywords = labels_to_topic_ids(values["tags"])
    fields = ("description", "category", "urgency", *(k for k in OPTIONAL_FIELDS if k in values))
    changed = [k for k in fields if getattr(need, k) != values[k]]
    wanted_topics = set(topic_ids)
    current = set(need.topics.values_list("pk", flat=True))
    terms_changed = keywords != need.keywords or not wanted_topics <= current
    if not changed and not terms_changed:
        return "updated" if company_changed else "unchanged"
    for key in changed:
        setattr(need, key, values[key])
    need.full_clean()
    need.save()
    need_terms_refresh(need, labels=values["tags"])
    return "updated"
