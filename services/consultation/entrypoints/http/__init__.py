"""The consultation service's HTTP API."""
