"""Emails to bookers and registrants: asked for alongside the events that call for them, sent in the background."""
