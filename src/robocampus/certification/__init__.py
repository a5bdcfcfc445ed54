"""Certification: schemes, the item bank, timed exams with simulator-graded
practicals, item analysis, and signed certificates anyone can verify."""
