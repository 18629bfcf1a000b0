"""The scheduling service's HTTP API: staff and public routes."""
