"""The sub-commands of the ``robocampus`` command (``robocampus.cli``)."""
