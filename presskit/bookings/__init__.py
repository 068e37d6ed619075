"""Seats at press screenings: booking, the waiting list, the door, and telling journalists
when a screening moves (models in presskit/models/bookings.py)."""
