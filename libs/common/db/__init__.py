"""PostgreSQL: pool, migrations and the unit of work."""
