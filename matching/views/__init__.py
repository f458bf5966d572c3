"""Matching pages: introductions and suggestions."""
