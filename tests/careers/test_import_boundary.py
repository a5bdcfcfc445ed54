"""Matching and the job-fair solver are plain NumPy/SciPy: importing them
loads no Django."""

from __future__ import annotations

import subprocess
import sys


def test_matching_and_jobfair_import_without_django():
    code = (
        "import sys\n"
        "import robocampus.careers.matching, robocampus.careers.jobfair\n"
        "loaded = [m for m in sys.modules if m.split('.')[0] == 'django']\n"
        "print(','.join(sorted(loaded)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == ""
