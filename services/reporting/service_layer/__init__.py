"""Projections (events in) and queries (read models out)."""
