"""Venues: the places surgeries, neighbourhood meetings and assembly meetings are held."""
