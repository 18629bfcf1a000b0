"""PostgreSQL storage for consultations and responses."""
