"""Benchmark of the meeting scheduler; the last line is one JSON object."""

from __future__ import annotations

import json
import time

from django.core.management.base import BaseCommand

from meetings.engine.bench import generate_day
from meetings.engine.scheduling import conflicts, schedule, solve_exact, upper_bound


class Command(BaseCommand):
    help = (
        "Schedule a synthetic matchmaking day (4,000 people, 12,000 requests, 16 slots, "
        "800 tables) and report placements, conflicts, time and an upper bound."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--experts", type=int, default=1000)
        parser.add_argument("--companies", type=int, default=3000)
        parser.add_argument("--requests", type=int, default=12000)
        parser.add_argument("--slots", type=int, default=16)
        parser.add_argument("--tables", type=int, default=800)
        parser.add_argument("--exact", type=int, default=0, metavar="PEOPLE")
        parser.add_argument("--exact-cases", type=int, default=20)
        parser.add_argument("--zipf", type=float, default=1.0, help="expert popularity exponent")

    def handle(self, *args, **o):
        problem = generate_day(
            experts=o["experts"],
            companies=o["companies"],
            requests=o["requests"],
            slots=o["slots"],
            tables=o["tables"],
            seed=o["seed"],
            zipf=o["zipf"],
        )
        started = time.perf_counter()
        result = schedule(problem)
        seconds = time.perf_counter() - started
        out = {
            "people": o["experts"] + o["companies"],
            "requests": len(problem.requests),
            "placed": len(result.meetings),
            "unplaced": len(result.unplaced),
            "conflicts": len(conflicts(problem, result.meetings)),
            "seconds": round(seconds, 2),
            "bound": upper_bound(problem),
            "exact_cases": 0,
            "exact_ratio": None,
        }
        if o["exact"]:
            out.update(self._exact(o))
        self.stdout.write(json.dumps(out))

    def _exact(self, o):
        """Cases of the same shape scaled to `--exact` people; fast total over the optimum."""
        people = o["exact"]
        scale = people / (o["experts"] + o["companies"])
        fast = best = 0
        for case in range(o["exact_cases"]):
            problem = generate_day(
                experts=max(1, round(o["experts"] * scale)),
                companies=max(1, round(o["companies"] * scale)),
                requests=max(1, round(o["requests"] * scale)),
                slots=o["slots"],
                tables=max(1, round(o["tables"] * scale)),
                seed=o["seed"] * 1000 + case,
                zipf=o["zipf"],
            )
            placed = len(schedule(problem).meetings)
            optimum = solve_exact(problem)
            fast += placed
            best += optimum
            self.stderr.write(f"case {case}: fast {placed}, exact {optimum}")
        return {
            "exact_cases": o["exact_cases"],
            "exact_ratio": round(fast / best, 4) if best else 1.0,
        }
