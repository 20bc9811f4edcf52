"""HTTP routes of the content domain."""

from __future__ import annotations

from litestar import Controller, Request, Response, get
from litestar.datastructures import State

from backend.content.compiler import CompiledContent
from backend.content.pack import ContentPack
from backend.content.services import etag_matches


class ContentController(Controller):
    path = "/api/content"
    tags = ("content",)

    @get(
        "/",
        summary="The compiled content pack",
        description=(
            "Lessons, prompts, challenges, campaign templates and crisis lines. The strong ETag "
            "is the content version; send it back in If-None-Match to get a 304."
        ),
        response_description="The content pack",
        responses={},
        sync_to_thread=False,
    )
    def pack(self, request: Request[None, None, State], state: State) -> Response[ContentPack]:
        content: CompiledContent = state.content
        headers = {"ETag": content.etag, "Cache-Control": "no-cache"}
        if etag_matches(request.headers.get("if-none-match"), content.etag):
            return Response(content=b"", status_code=304, headers=headers)  # type: ignore[arg-type]
        return Response(
            content=content.body,  # type: ignore[arg-type]  # pre-encoded ContentPack JSON
            media_type="application/json",
            headers=headers,
        )
