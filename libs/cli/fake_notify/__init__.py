"""A stand-in for GOV.UK Notify in development and tests: the same API, rate limit, magic recipients and delivery
receipts (``peel serve fake-notify``)."""
