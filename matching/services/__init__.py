"""Matching writes, one module per concern."""
