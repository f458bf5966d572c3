"""Matching quality measured on the production path (docs/matching.md, "Evaluation").

The labelled set in `data/` (written blind to the matcher, see data/README.md) is imported with
`import_experts` / `import_needs`, ranked by the code behind `suggest --format json`, and
measured: precision@3, recall@5 and nDCG@5 overall and per kind of need, beside a
character-bigram baseline, and the conflicts of interest in any top 5. Needs are split
deterministically into a dev half (rules may be studied on it) and a held-out half (reported
only).

    .venv/bin/python -m matching.evaluation          # a throwaway SQLite database; prints JSON
"""
