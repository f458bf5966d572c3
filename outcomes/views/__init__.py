"""Pages of the outcomes app: the dashboard (dashboard.py), the planner (planner.py), and the
surveys answered through signed links (surveys.py)."""
