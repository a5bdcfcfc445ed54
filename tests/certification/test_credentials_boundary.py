"""The credentials core is plain Python: importing it loads no Django."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import robocampus.certification.credentials


def test_every_credentials_module_imports_without_django():
    modules = sorted(
        info.name
        for info in pkgutil.walk_packages(
            robocampus.certification.credentials.__path__,
            "robocampus.certification.credentials.",
        )
    )
    assert "robocampus.certification.credentials.verify" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "import robocampus.commands.verify\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'django']\n"
        "print(','.join(sorted(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
