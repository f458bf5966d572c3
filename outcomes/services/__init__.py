"""Writes of the outcomes app: surveys, their answers, forums planned from the past."""
