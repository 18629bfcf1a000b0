"""The read models, one package each: its projection (event type -> handler), its store (its own SQL)
and its HTTP routes. ``registry`` lists them."""
