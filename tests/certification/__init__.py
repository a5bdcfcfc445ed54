"""Pure-Python tests of the certification modules (no database)."""
