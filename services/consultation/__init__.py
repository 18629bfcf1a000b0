"""Consultations and surveys: staff build and publish them, residents respond."""
