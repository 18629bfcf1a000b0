"""Use cases: each handler loads, changes and stores aggregates in one unit of work."""
