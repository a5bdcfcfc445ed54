"""The Python examples in README.md and docs/ run as written."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def _python_blocks():
    for path in DOCS:
        text = path.read_text(encoding="utf-8")
        for n, block in enumerate(re.findall(r"```python\n(.*?)```", text, re.S)):
            yield pytest.param(block, id=f"{path.name}-{n}")


@pytest.mark.parametrize("code", list(_python_blocks()))
def test_example_runs(code):
    exec(compile(code, "<doc example>", "exec"), {})
