"""The staff pages' use cases: each calls the owning service with the signed-in user's own token."""
