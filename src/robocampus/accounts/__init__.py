"""Accounts: users with one role each, organisations, login, bulk import."""
