"""The content pack over HTTP: body, strong ETag, 304."""

from __future__ import annotations

import httpx
from litestar import Litestar


async def test_content_pack_has_every_kind_of_content(
    client: httpx.AsyncClient, app: Litestar
) -> None:
    response = await client.get("/api/content")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    version = app.state.content.version
    assert response.headers["etag"] == f'"{version}"'
    assert response.headers["cache-control"] == "no-cache"
    pack = response.json()
    assert pack["version"] == version
    for key in ("tracks", "lessons", "prompts", "challenges", "campaign_templates", "crisis"):
        assert pack[key], f"{key} is empty"
    lesson = pack["lessons"][0]
    assert lesson["cards"][0]["html"].startswith("<")
    assert 2 <= lesson["minutes"] <= 3


async def test_matching_etag_gets_304_without_a_body(
    client: httpx.AsyncClient, app: Litestar
) -> None:
    etag = app.state.content.etag

    response = await client.get("/api/content", headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["etag"] == etag


async def test_etag_in_a_list_matches_and_a_stale_one_does_not(
    client: httpx.AsyncClient, app: Litestar
) -> None:
    etag = app.state.content.etag

    listed = await client.get("/api/content", headers={"If-None-Match": f'"old", {etag}'})
    stale = await client.get("/api/content", headers={"If-None-Match": '"0000000000000000"'})
    weak = await client.get("/api/content", headers={"If-None-Match": f"W/{etag}"})

    assert listed.status_code == 304
    assert stale.status_code == 200
    assert weak.status_code == 200  # a strong comparison: a weak validator is not the same
    assert stale.json()["version"] == app.state.content.version


async def test_pack_is_gzipped_for_clients_that_ask(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/content", headers={"Accept-Encoding": "gzip"})

    assert response.status_code == 200
    assert response.headers["content-encoding"] == "gzip"
    assert response.json()["lessons"]
