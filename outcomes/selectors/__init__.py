"""Reads of the outcomes app: figures, the dashboard, the seasonal planner."""
