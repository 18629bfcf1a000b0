"""HTTP plumbing shared by the services: app factory, errors, health and rate limits."""
