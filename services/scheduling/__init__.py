"""Surgeries and bookings, neighbourhood meetings and citizens' assemblies."""
