"""Matching pages: introductions, suggestions, meetings."""
