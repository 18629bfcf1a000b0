"""Neighbourhood meetings: the meetings, their outcomes, and the quarterly attendance plan."""
