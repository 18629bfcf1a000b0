"""Surgeries: sessions and their slots, bookings, the waitlist, signed links, calendars and the rotation planner."""
