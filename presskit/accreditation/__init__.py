"""Accreditation of journalists: applying, confirming an email address, the press
office's decisions, and the emails that tell the journalist (models in
presskit/models/accreditation.py)."""
