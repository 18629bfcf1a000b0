"""PostgreSQL storage of the read models."""
