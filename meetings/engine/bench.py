"""Synthetic matchmaking days for the scheduler benchmark (seeded)."""

from __future__ import annotations

import numpy as np

from meetings.engine.scheduling import MeetingRequest, ScheduleProblem


def generate_day(
    *,
    experts: int,
    companies: int,
    requests: int,
    slots: int = 16,
    tables: int = 800,
    free_slots: int = 12,
    seed: int = 42,
    zipf: float = 1.0,
) -> ScheduleProblem:
    """Experts are people 0..experts-1, company members follow; experts Zipf-popular."""
    rng = np.random.default_rng(seed)
    weights = np.arange(1, experts + 1, dtype=float) ** -zipf
    cdf = np.cumsum(weights / weights.sum())
    pairs: set[tuple[int, int]] = set()
    out = []
    while len(out) < requests:
        expert = int(min(np.searchsorted(cdf, rng.random()), experts - 1))
        member = experts + int(rng.integers(companies))
        if (expert, member) in pairs:
            continue
        pairs.add((expert, member))
        out.append(MeetingRequest(len(out), expert, member, float(rng.integers(1, 4))))
    busy = {}
    for person in range(experts + companies):
        busy[person] = set(rng.choice(slots, size=slots - free_slots, replace=False).tolist())
    return ScheduleProblem(slots=slots, tables=tables, requests=out, busy=busy)
