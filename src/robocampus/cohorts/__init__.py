"""Cohorts: runs of a course with their instructors and enrolled trainees."""
