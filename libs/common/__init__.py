"""The backbone shared by every Peel service: events, outbox, consumers, database, settings, auth, telemetry."""
