"""The memory viewer: one static page at /ui over a small JSON API at /ui/api/*, on the MCP server's own
HTTP app and behind its token (the caller sees only their own memory). Every API call is a method of the
engine the MCP tools call, run off the event loop.
"""

from __future__ import annotations

import io
import json
from collections.abc import Awaitable, Callable
from functools import partial
from importlib import resources
from typing import Any

import anyio
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecurityMiddleware, TransportSecuritySettings
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..errors import InvalidInputError, MemoryosError
from ..memory.engine import Memoryos
from ..validation import parse_id
from .host import AppContext, Host

Handler = Callable[[Memoryos, Request, Any], Any]
#: Pages and facts per API answer.
PAGE_SIZE = 50


def page_html() -> str:
    return resources.files("memoryos_mcp.server").joinpath("static/viewer.html").read_text(encoding="utf-8")


def overview(memory: Memoryos, request: Request, body: Any) -> dict[str, Any]:
    status = {k: v for k, v in memory.status().items() if k != "database_path"}  # no server paths in a browser
    return {"status": status, "profile": memory.get_user_profile(False, False).user_profile,
            "segments": memory.hottest_segments()}


def facts(memory: Memoryos, request: Request, body: Any) -> Any:
    history = request.query_params.get("history") == "1"
    return memory.list_knowledge("user", history, request.query_params.get("cursor"), PAGE_SIZE)


def pages(memory: Memoryos, request: Request, body: Any) -> Any:
    return memory.list_memories("all", None, None, request.query_params.get("cursor"), PAGE_SIZE)


def page(memory: Memoryos, request: Request, body: Any) -> Any:
    raw = request.path_params["page_id"]
    try:
        found = memory.page(parse_id("page_id", raw))
    except InvalidInputError:  # strict, as the resource URI: '²' is a digit to isdigit() but no id
        found = None
    if found is None:
        raise LookupError(f"no page {raw[:20]} in this memory")
    return found


def search(memory: Memoryos, request: Request, body: Any) -> Any:
    query = request.query_params.get("q", "")
    result = memory.retrieve(query, max_results=10)
    context = [p for p in result.short_term_memory if p.relevant]
    return {"query": query, "pages": sorted([*result.retrieved_pages, *context], key=lambda p: -p.score),
            "facts": result.retrieved_user_knowledge + result.retrieved_assistant_knowledge}


def delete_pages(memory: Memoryos, request: Request, body: Any) -> Any:
    return memory.delete_memory(body.get("page_ids"))


def delete_facts(memory: Memoryos, request: Request, body: Any) -> Any:
    return memory.delete_knowledge(body.get("ids"))


def correct_fact(memory: Memoryos, request: Request, body: Any) -> Any:
    return memory.update_knowledge(body.get("id"), body.get("knowledge"))


def export(memory: Memoryos, request: Request, body: Any) -> Response:
    out = io.StringIO()
    memory.export(out)
    name = f"memoryos-{memory.scope.user_id}.jsonl".replace('"', "")
    return Response(out.getvalue(), media_type="application/x-ndjson",
                    headers={"content-disposition": f'attachment; filename="{name}"'})


ROUTES: list[tuple[str, str, Handler]] = [
    ("/ui/api/overview", "GET", overview),
    ("/ui/api/facts", "GET", facts),
    ("/ui/api/pages", "GET", pages),
    ("/ui/api/pages/{page_id}", "GET", page),
    ("/ui/api/search", "GET", search),
    ("/ui/api/export", "GET", export),
    ("/ui/api/pages/delete", "POST", delete_pages),
    ("/ui/api/facts/delete", "POST", delete_facts),
    ("/ui/api/facts/update", "POST", correct_fact),
]


def _json(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if isinstance(value, list):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    return value


def _endpoint(host: Host, guard: TransportSecurityMiddleware, method: str,
              handler: Handler) -> Callable[[Request], Awaitable[Response]]:
    async def endpoint(request: Request) -> Response:
        refused = await guard.validate_request(request, is_post=method == "POST")  # DNS rebinding, as /mcp
        if refused is not None:
            return refused
        body: Any = {}
        if method == "POST":
            try:
                body = json.loads(await request.body() or b"{}")
            except ValueError:
                return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
            if not isinstance(body, dict):
                return JSONResponse({"error": "the body must be a JSON object"}, status_code=400)
        try:
            async with host.lease(request.scope) as memory:
                result = await anyio.to_thread.run_sync(partial(handler, memory, request, body))
        except ToolError as exc:
            return JSONResponse({"error": str(exc)}, status_code=401)
        except LookupError as exc:
            return JSONResponse({"error": str(exc)}, status_code=404)
        except MemoryosError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return result if isinstance(result, Response) else JSONResponse(_json(result))

    return endpoint


def add_viewer(server: MCPServer[AppContext], host: Host, security: TransportSecuritySettings) -> None:
    """/ui (the page, no data in it, served without a token) and the API behind the server's token."""
    guard = TransportSecurityMiddleware(security)

    async def ui(request: Request) -> Response:
        refused = await guard.validate_request(request)
        return refused or HTMLResponse(page_html(), headers={"content-security-policy": CSP})

    server.custom_route("/ui", methods=["GET"])(ui)
    server.custom_route("/ui/", methods=["GET"])(ui)
    for path, method, handler in ROUTES:
        server.custom_route(path, methods=[method])(_endpoint(host, guard, method, handler))


#: The page loads nothing from anywhere else and runs only its own inline script.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
       "img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'")
