"""robocampus: open-source system for training industrial-robot engineers."""

__version__ = "0.1.0"
