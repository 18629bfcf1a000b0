"""Kafka: producer, topics, idempotent consumers and dead letters."""
