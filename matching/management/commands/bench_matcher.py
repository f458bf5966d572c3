"""Benchmark of the matcher on a synthetic forum; the last line is one JSON object."""

from __future__ import annotations

import json
import math
import resource
import time

import numpy as np
from django.core.management.base import BaseCommand
from django.db import transaction

from matching.engine import bridge
from matching.engine.index import need_block
from matching.engine.inputs import NeedIn
from matching.engine.matcher import Matcher
from matching.engine.naive import Side, naive_pair
from matching.engine.scoring import score_block
from matching.services.suggestions import suggestions_store
from matching.synthetic import generate


class Command(BaseCommand):
    help = (
        "Time the full matcher run (scoring, hard constraints, storing the top 10 of every "
        "need) and the incremental path on seeded synthetic data. Writes are rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--experts", type=int, default=100_000)
        parser.add_argument("--needs", type=int, default=10_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--incremental", type=int, default=200, help="single-need updates")
        parser.add_argument("--check-naive", type=int, default=0, metavar="N")

    def handle(self, *args, **opts):
        rng = np.random.default_rng(opts["seed"] + 1)
        started = time.perf_counter()
        topics, experts, needs, _events = generate(
            experts=opts["experts"], needs=opts["needs"], seed=opts["seed"]
        )
        self.stderr.write(f"generated in {time.perf_counter() - started:.1f} s (not timed)")
        result = {"experts": len(experts), "needs": len(needs)}
        with transaction.atomic():
            started = time.perf_counter()
            matcher = Matcher(topics, experts, bridge=bridge.default())
            built = time.perf_counter()
            matcher.run_full(needs)
            scored = time.perf_counter()
            stored = suggestions_store(matcher=matcher)
            done = time.perf_counter()
            result["full_seconds"] = round(done - started, 2)
            self.stderr.write(
                f"index {built - started:.1f} s, scoring {scored - built:.1f} s, "
                f"reasons+storing {done - scored:.1f} s ({stored} rows)"
            )
            timings = self._incremental(matcher, needs, rng, opts["incremental"])
            result["incremental_p50_ms"] = round(float(np.percentile(timings, 50)), 2)
            result["incremental_p95_ms"] = round(float(np.percentile(timings, 95)), 2)
            transaction.set_rollback(True)
        if opts["check_naive"]:
            per_pair_fast = (scored - built) / (len(needs) * len(experts))
            result.update(
                self._naive(matcher, needs, experts, opts["check_naive"], rng, per_pair_fast)
            )
        result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        ordered = [
            "experts",
            "needs",
            "full_seconds",
            "peak_rss_mb",
            "incremental_p50_ms",
            "incremental_p95_ms",
            "naive_pairs",
            "naive_equal",
            "naive_speedup",
        ]
        self.stdout.write(json.dumps({k: result[k] for k in ordered if k in result}))

    def _incremental(self, matcher, needs, rng, count):
        """Half edited needs (topics or text changed), half new ones; each scored and stored."""
        timings = []
        next_id = max(n.id for n in needs) + 1
        for k in range(count):
            template = needs[int(rng.integers(len(needs)))]
            tokens = list(template.tokens)
            rng.shuffle(tokens)
            need = NeedIn(
                id=template.id if k % 2 == 0 else next_id + k,
                company=template.company,
                parent_organisation=template.parent_organisation,
                category=template.category,
                topic_ids=template.topic_ids[1:] if k % 4 == 0 else template.topic_ids,
                tokens=tuple(tokens[: max(3, len(tokens) - 2)]),
                forms_wanted=template.forms_wanted,
                status="submitted",
                event_ids=template.event_ids,
            )
            started = time.perf_counter()
            matcher.update_need(need)
            suggestions_store(matcher=matcher, need_ids=[need.id])
            timings.append((time.perf_counter() - started) * 1000)
        return timings

    def _naive(self, matcher, needs, experts, size, rng, per_pair_fast):
        """Pairwise Python over a size × size subset against the matrix scores (pre-diversity)."""
        need_rows = rng.choice(len(needs), size=min(size, len(needs)), replace=False)
        expert_rows = np.sort(rng.choice(len(experts), size=min(size, len(experts)), replace=False))
        subset = [needs[i] for i in need_rows]
        fast = np.vstack(
            [
                score_block(matcher.index, b, matcher.rules)[:, expert_rows]
                for b in (
                    need_block(matcher.index, subset[s : s + 64]) for s in range(0, len(subset), 64)
                )
            ]
        )
        started = time.perf_counter()
        worst = 0.0
        equal = True
        index, rules = matcher.index, matcher.rules
        expert_sides = [Side(index, experts[e], expert=True) for e in expert_rows]
        for a, need in enumerate(subset):
            side = Side(index, need, expert=False)
            for b, expert in enumerate(expert_sides):
                slow = naive_pair(index, side, expert, rules)
                quick = fast[a, b]
                if math.isinf(slow) or math.isinf(quick):
                    equal &= slow == quick
                else:
                    worst = max(worst, abs(slow - quick))
        seconds = time.perf_counter() - started
        pairs = len(subset) * len(expert_rows)
        self.stderr.write(f"naive: {pairs} pairs in {seconds:.1f} s, max |diff| {worst:.2e}")
        return {
            "naive_pairs": pairs,
            "naive_equal": bool(equal and worst <= 1e-9),
            "naive_speedup": round((seconds / pairs) / per_pair_fast, 1),
        }
