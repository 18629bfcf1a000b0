"""Read models: pure shaping of what the projections stored."""
