"""robocampus.sim is a library: no Django, no I/O at import time (DESIGN.md)."""

import pkgutil
import subprocess
import sys

import robocampus.sim


def _sim_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.walk_packages(robocampus.sim.__path__, "robocampus.sim.")
    )


def test_every_sim_module_imports_without_django():
    """Import each module in a fresh interpreter; Django must not come along."""
    modules = _sim_modules()
    assert "robocampus.sim.robot.kinematics" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'django' or "
        "m.startswith('django.'))\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""


def test_importing_the_engine_loads_no_model_files():
    """Model files are read on first use, not at import."""
    code = (
        "import robocampus.sim.robot as r, robocampus.sim.robot.model as m\n"
        "print(m._load_shipped.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "0"
