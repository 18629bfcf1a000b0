"""Contacts and consent, bilingual templates, bulletins, reminders and delivery."""
