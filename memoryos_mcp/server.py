"""The MCP surface: three tools and two resources over stdio, SSE or streamable HTTP.

This is the only module that imports `mcp`; the tools are thin adapters over `Memoryos`.
"""

from __future__ import annotations

import argparse
import contextlib
import inspect
import json
import logging
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Annotated, Any, Literal, TypeVar

import anyio
import uvicorn
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError
from mcp.server.transport_security import TransportSecuritySettings
from mcp_types import ToolAnnotations
from pydantic import BeforeValidator, Field

from . import __version__
from .config import MemoryConfig
from .errors import MemoryosError
from .http_auth import BearerTokenMiddleware, is_loopback
from .mcp_middleware import ArrivalOrder, unknown_names_are_invalid_params
from .memory import Memoryos
from .models import AddResult, ProfileResult, RetrieveResult
from .startup import StartupError, auth_token, one_line, parse_args, prepare
from .stdio_transport import serve_stdio
from .validation import MAX_RESULTS_LIMIT

logger = logging.getLogger(__name__)

Transport = Literal["stdio", "sse", "streamable-http"]
T = TypeVar("T")


INSTRUCTIONS = (
    "Long-term memory of your conversations with this user. Call retrieve_memory before answering "
    "anything that may depend on earlier conversations (names, preferences, plans, past events); call "
    "add_memory after each meaningful exchange so it can be recalled later; call get_user_profile to "
    "personalise a conversation from its start. Everything is stored locally."
)


@dataclass
class AppContext:
    """What every request handler reaches through `ctx.request_context.lifespan_context`."""

    engine: Memoryos
    config: MemoryConfig
    transport: str


class EngineHost:
    """Opens the engine once and shares it between every MCP lifespan that enters.

    The SDK enters the server lifespan once per connection over SSE (once per process over stdio
    and streamable HTTP): reference counting keeps one engine, closed when the last holder leaves.
    """

    def __init__(self, config: MemoryConfig, transport: str,
                 factory: Callable[[MemoryConfig], Memoryos] = Memoryos.from_config) -> None:
        self._config = config
        self._transport = transport
        self._factory = factory
        self._lock = anyio.Lock()
        self._holders = 0
        self._context: AppContext | None = None

    @contextlib.asynccontextmanager
    async def hold(self) -> AsyncIterator[AppContext]:
        async with self._lock:
            if self._context is None:
                with _stdout_to_stderr():
                    engine = await anyio.to_thread.run_sync(self._factory, self._config)
                self._context = AppContext(engine, self._config, self._transport)
                logger.info("memory engine open on %s", self._config.data_storage_path)
            self._holders += 1
            context = self._context
        try:
            yield context
        finally:
            with anyio.CancelScope(shield=True):
                await self._release()

    async def _release(self) -> None:
        async with self._lock:
            self._holders -= 1
            if self._holders == 0:
                await self._close()

    async def close_now(self) -> None:
        """Close whatever the holders think, for a shutdown that cannot wait for them."""
        with anyio.CancelScope(shield=True):
            async with self._lock:
                await self._close()

    async def _close(self) -> None:
        if self._context is not None:
            engine, self._context = self._context.engine, None
            logger.info("closing the memory engine (draining background work)")
            await anyio.to_thread.run_sync(engine.close)


@contextlib.contextmanager
def _stdout_to_stderr() -> Iterator[None]:
    """Native libraries loading the models may write to fd 1, which is the JSON-RPC stream in stdio mode."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


async def _in_thread(method: Callable[..., T], *args: Any) -> T:
    """Run a synchronous engine call off the event loop; engine errors become tool errors."""
    try:
        return await anyio.to_thread.run_sync(partial(method, *args))
    except MemoryosError as exc:
        raise ToolError(str(exc)) from exc


def _engine(ctx: Context[AppContext, Any]) -> Memoryos:
    return ctx.request_context.lifespan_context.engine


UserInput = Annotated[str, Field(description="What the user said in this exchange, verbatim.")]
AgentResponse = Annotated[str, Field(description="What you (the assistant) answered, verbatim.")]
Timestamp = Annotated[str | None, Field(
    description="When the exchange happened: 'YYYY-MM-DD HH:MM:SS' or ISO 8601 (e.g. 2025-01-31T14:05:00Z). "
                "Omit for now; give it when importing past conversations.")]
MetaData = Annotated[dict[str, Any] | None, Field(
    description='Optional JSON object stored with the exchange and returned with it, e.g. {"source": "chat"}.')]
Query = Annotated[str, Field(description="What to recall: the user's question or the topic, in plain words.")]
Relationship = Annotated[str, Field(
    description="How you relate to the user (e.g. friend, assistant, coach); kept for MemoryOS compatibility")]
StyleHint = Annotated[str, Field(
    description="Optional hint about the answer's style; kept for MemoryOS compatibility.")]


def _not_a_boolean(value: Any) -> Any:
    """pydantic reads `true` as 1 for an int; for a count that is a caller's mistake, not a number."""
    if isinstance(value, bool):
        raise ValueError("must be an integer, not true or false")
    return value


MaxResults = Annotated[int, BeforeValidator(_not_a_boolean), Field(
    ge=1, le=MAX_RESULTS_LIMIT, description=f"Most past exchanges to return (1-{MAX_RESULTS_LIMIT}), best first")]
After = Annotated[str | None, Field(
    description="Only exchanges and facts from this ISO date or date-time on (e.g. 2024-03-01).")]
Before = Annotated[str | None, Field(
    description="Only exchanges and facts before this ISO date or date-time (e.g. 2024-04-01).")]
ReferenceTime = Annotated[str | None, Field(
    description="ISO date-time that relative phrases in the query ('yesterday', 'last week') count from; "
                "omit for now.")]
IncludeKnowledge = Annotated[bool, Field(description="Also return the stored facts about the user.")]
IncludeAssistantKnowledge = Annotated[bool, Field(
    description="Also return the stored facts about the assistant (what you said, recommended or promised).")]


async def add_memory(
    ctx: Context[AppContext, Any], user_input: UserInput, agent_response: AgentResponse,
    timestamp: Timestamp = None, meta_data: MetaData = None,
) -> AddResult:
    """Save one exchange of the conversation (what the user said and what you answered) to memory.

    Call it after every meaningful exchange, above all when the user shares facts about
    themselves: names, preferences, plans, people, places, dates, numbers. Recent exchanges stay in
    short-term memory, older ones are grouped into topics (mid-term), and frequently revisited
    topics are distilled into the user's profile and knowledge (long-term), automatically.
    Returns the stored timestamp and the page id.
    """
    return await _in_thread(_engine(ctx).add_memory, user_input, agent_response, timestamp, meta_data)


async def retrieve_memory(
    ctx: Context[AppContext, Any], query: Query, relationship_with_user: Relationship = "friend",
    style_hint: StyleHint = "", max_results: MaxResults = 10, after: After = None, before: Before = None,
    reference_time: ReferenceTime = None,
) -> RetrieveResult:
    """Recall what is known about the user that is relevant to a query.

    Returns the recent conversation (short-term memory), past exchanges ranked by relevance
    (matched by meaning and by exact words such as names, places and numbers), facts about the
    user and about you, and the user profile. Call it before answering anything that may depend
    on earlier conversations. Every item carries its timestamp, so you can answer "when", and past
    exchanges their relevance score; recent exchanges that match the query are marked relevant.
    Time phrases in the query ("yesterday", "last week", "in March 2024") rank that period higher;
    after/before keep only what lies between them.
    """
    return await _in_thread(_engine(ctx).retrieve, query, relationship_with_user, style_hint, max_results,
                            after, before, reference_time)


async def get_user_profile(
    ctx: Context[AppContext, Any], include_knowledge: IncludeKnowledge = True,
    include_assistant_knowledge: IncludeAssistantKnowledge = False,
) -> ProfileResult:
    """Read the user's profile: personality, preferences, interests and needs inferred from past
    conversations, plus (optionally) the facts stored about the user and about the assistant.

    Use it to personalise a conversation from its start. The profile is empty until enough
    conversation about a topic has accumulated.
    """
    return await _in_thread(_engine(ctx).get_user_profile, include_knowledge, include_assistant_knowledge)


#: One argument error in pydantic's text: the argument's name, then its indented message.
_ARGUMENT_ERROR = re.compile(r"^(\S[^\n]*)\n  ([^\n\[]+?)(?: \[type=[^\n]*)?$", re.MULTILINE)


def _tidy(text: str) -> str:
    """Pydantic's multi-line report (with URLs and echoed input) as one line naming each argument."""
    if ":" not in text:  # an unexpected exception: the SDK withholds its text from the client
        return f"{text}: internal error (the server log has the details)"
    head, _, _ = text.partition("\n")
    problems = [f"{name}: {message.strip()}" for name, message in _ARGUMENT_ERROR.findall(text)]
    if "validation error" not in head or not problems:
        return text
    return head.split(":", 1)[0] + ": invalid arguments: " + "; ".join(problems)


async def _error_payload(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
    """Tool errors read `{"status": "error", "message": ...}` (SPEC §4), the message on one clear line.

    Only as text: some clients validate structuredContent against the outputSchema even on errors.
    """
    result = await call_next(ctx)
    if ctx.method != "tools/call" or not isinstance(result, dict) or not result.get("isError"):
        return result
    message = _tidy(" ".join(b.get("text", "") for b in result.get("content", []) if b.get("type") == "text"))
    text = json.dumps({"status": "error", "message": message}, ensure_ascii=False)
    return {**result, "content": [{"type": "text", "text": text}]}


def build_server(host: EngineHost) -> MCPServer[AppContext]:
    """The MCP server object: tools, resources and a lifespan that holds the shared engine."""
    server: MCPServer[AppContext] = MCPServer(
        "memoryos", title="MemoryOS memory", version=__version__, instructions=INSTRUCTIONS,
        lifespan=lambda _server: host.hold(), middleware=[_error_payload],
    )
    tools = [
        (add_memory, ToolAnnotations(title="Add memory", read_only_hint=False, destructive_hint=False,
                                     idempotent_hint=False, open_world_hint=False)),
        (retrieve_memory, ToolAnnotations(title="Retrieve memory", read_only_hint=True, open_world_hint=False)),
        (get_user_profile, ToolAnnotations(title="Get user profile", read_only_hint=True, idempotent_hint=True,
                                           open_world_hint=False)),
    ]
    for tool, hints in tools:
        server.add_tool(tool, description=inspect.cleandoc(tool.__doc__ or ""), annotations=hints)
    server.middleware.insert(0, ArrivalOrder())  # outermost, so nothing before it can reorder requests
    server.middleware.append(unknown_names_are_invalid_params({tool.__name__ for tool, _ in tools}))

    async def status() -> str:
        """Counts per memory tier, store size, providers, enrichment backlog, version and transport."""
        async with host.hold() as app:
            report = await anyio.to_thread.run_sync(app.engine.status)
            report = {**report, "transport": app.transport}
        return json.dumps(report, indent=2, default=str)

    async def effective_config() -> str:
        """The effective configuration, with secrets redacted."""
        async with host.hold() as app:
            return json.dumps(app.config.redacted(), indent=2, default=str)

    server.resource("memoryos://status", name="status", mime_type="application/json")(status)
    server.resource("memoryos://config", name="config", mime_type="application/json")(effective_config)
    return server


def transport_security(host: str, extra_hosts: list[str]) -> TransportSecuritySettings:
    """DNS-rebinding protection: only these Host/Origin headers are served."""
    names = ["127.0.0.1", "localhost", "[::1]"]
    if not is_loopback(host) and host not in ("0.0.0.0", "::"):
        names.append(f"[{host}]" if ":" in host else host)
    names += extra_hosts
    return TransportSecuritySettings(
        enable_dns_rebinding_protection=True,
        allowed_hosts=[f"{name}:*" for name in names] + names,
        allowed_origins=[f"{scheme}://{name}{port}" for name in names for scheme in ("http", "https")
                         for port in (":*", "")],
    )


def http_app(server: MCPServer[AppContext], transport: Transport, security: TransportSecuritySettings,
             token: str | None) -> Any:
    """The Starlette app of an HTTP transport, behind the bearer-token check when a token is set."""
    if transport == "sse":
        app = server.sse_app(transport_security=security)
    else:
        app = server.streamable_http_app(transport_security=security)
    return BearerTokenMiddleware(app, token) if token else app


def bind(host: str, port: int) -> socket.socket:
    """Bind before serving, so a busy port is a start-up error with one clear line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        return socket.create_server((host, port), family=family)
    except OSError as exc:
        raise StartupError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None


def endpoint_url(sock: socket.socket, transport: Transport) -> str:
    """The URL clients connect to, as the "listening on" line shows it."""
    host, port = sock.getsockname()[:2]
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/{'sse' if transport == 'sse' else 'mcp'}"


async def serve_http(app: Any, sock: socket.socket, url: str) -> None:
    """uvicorn on an already bound socket; its loggers propagate to our stderr handler. No access log: a line
    per request is noise, and a query string may carry what should not be logged (a token sent wrongly)."""
    logger.info("listening on %s", url)
    config = uvicorn.Config(app, log_config=None, lifespan="on", timeout_graceful_shutdown=5, access_log=False,
                            ws="none")
    await uvicorn.Server(config).serve(sockets=[sock])


async def run_stdio(server: MCPServer[AppContext], host: EngineHost) -> None:
    """Serve stdin/stdout until EOF. On SIGINT/SIGTERM, drain and close the engine, then exit at once:
    stdin is read in a worker thread that no cancellation can interrupt."""
    async with anyio.create_task_group() as group:

        async def on_signal() -> None:
            with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM) as signals:
                async for signum in signals:
                    logger.info("received %s: closing the engine and exiting", signal.Signals(signum).name)
                    await host.close_now()
                    logging.shutdown()
                    os._exit(0)

        group.start_soon(on_signal)
        await serve_stdio(server)
        group.cancel_scope.cancel()


async def run_http(app: Any, sock: socket.socket, url: str) -> None:
    """uvicorn shuts down gracefully on SIGINT/SIGTERM and then re-raises the signal: the receiver
    absorbs it, so the process does not die before the engine is closed."""
    with anyio.open_signal_receiver(signal.SIGINT, signal.SIGTERM):
        await serve_http(app, sock, url)


async def serve(config: MemoryConfig, args: argparse.Namespace) -> None:
    """Bind (a busy port fails at once, before the model loads), open the engine, then run the chosen
    transport; the engine is closed on the way out."""
    sock = None if args.transport == "stdio" else bind(args.host, args.port)
    with sock or contextlib.nullcontext():
        host = EngineHost(config, args.transport)
        async with host.hold():
            server = build_server(host)
            if sock is None:
                await run_stdio(server, host)
                return
            security = transport_security(args.host, args.allow_host)
            app = http_app(server, args.transport, security, auth_token(config))
            await run_http(app, sock, endpoint_url(sock, args.transport))


def main(argv: list[str] | None = None) -> int:
    """Console entry point: exit code 0 on a clean stop, 2 on a start-up problem."""
    args = parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=args.log_level,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        anyio.run(serve, prepare(args), args)
    except MemoryosError as exc:
        sys.stderr.write(f"memoryos-mcp: error: {one_line(exc)}\n")
        return 2
    except KeyboardInterrupt:
        pass
    return 0
