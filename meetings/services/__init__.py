"""Meetings writes, one module per concern: one-to-one meetings, round tables."""
