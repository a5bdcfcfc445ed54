"""No page loads anything from outside the server (a center's network may
be closed): every script, style and image URL is local."""

from __future__ import annotations

import re

import pytest

from .conftest import login

ASSET = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"')


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/login/",
        "/courses/",
        "/api/docs",
        "/lab/exercises/ex03-pick-and-place/",
    ],
)
def test_assets_are_local(client, users, cohort, url):
    if url != "/accounts/login/":
        login(client, users["trainee"])
    html = client.get(url).content.decode()
    assets = ASSET.findall(html)
    assert assets
    external = [a for a in assets if re.match(r"^(https?:)?//", a)]
    assert not external
