"""Meetings pages: the organizer's schedule, an attendee's own meetings, round tables."""
