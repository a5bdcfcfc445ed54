"""Certification views, one module per job."""
