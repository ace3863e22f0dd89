"""MCP sampling: the engine's `Sampler`, answered by the connected clients' models, by user.

A session whose client declares the sampling capability is recorded under the user it speaks for (one
server serves one user today; a multi-user server passes its own `user_of`). A request for a user's
data only ever goes to a session of that same user. The engine calls `complete` from its background
thread; the request travels on the session's own channel (stdio, or the streamable HTTP GET stream)
through the event loop. A session that refuses (its user declined) or is too slow is left alone for a
while, said once in the log and shown in `memoryos://status`, so a user who says no sees no storm.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import anyio
import anyio.from_thread
import anyio.lowlevel
from mcp.server.context import CallNext, HandlerResult, ServerRequestContext
from mcp.server.session import ServerSession
from mcp.shared.exceptions import MCPError, NoBackChannelError
from mcp_types import (
    CONNECTION_CLOSED,
    ClientCapabilities,
    CreateMessageRequest,
    CreateMessageRequestParams,
    CreateMessageResult,
    ModelHint,
    ModelPreferences,
    SamplingCapability,
    SamplingMessage,
    TextContent,
)
from mcp_types.version import MODERN_PROTOCOL_VERSIONS
from pydantic import ValidationError

from ..errors import LLMError
from ..language.sampling import FailureKind, SamplingFailure, SamplingRequest
from .mcp_middleware import ArrivalOrder

logger = logging.getLogger(__name__)

#: Small fast models suit memory upkeep; hints are advisory and matched by the client as substrings.
MODEL_PREFERENCES = ModelPreferences(
    hints=[ModelHint(name="haiku"), ModelHint(name="mini"), ModelHint(name="flash")],
    cost_priority=0.8, speed_priority=0.9, intelligence_priority=0.3,
)
#: How long a session that declined (first), or timed out, is left alone; doubled each time up to the cap.
DECLINED_PAUSE = 600.0
TIMEOUT_PAUSE = 60.0
MAX_PAUSE = 3600.0
#: Sessions kept per user: the most recent ones (an HTTP server sees many come and go).
MAX_SESSIONS_PER_USER = 8

UserOf = Callable[[ServerRequestContext[Any, Any]], "str | None"]


@dataclass
class _Session:
    key: str
    session: ServerSession
    token: anyio.lowlevel.EventLoopToken
    paused_until: float = 0.0
    pause: float = 0.0
    problem: FailureKind | None = None
    answered: int = 0


@dataclass
class _UserState:
    sessions: dict[str, _Session] = field(default_factory=dict)
    last_problem: str | None = None
    said: set[str] = field(default_factory=set)


class SamplingSessions:
    """The sessions able to answer sampling requests, by user; the engine's `Sampler`."""

    def __init__(self, user_of: UserOf, clock: Callable[[], float] = time.monotonic) -> None:
        self._user_of = user_of
        self._clock = clock
        self._users: dict[str, _UserState] = {}
        self._owner: dict[str, str] = {}  # session key -> the user it was first seen for
        self._unusable: set[str] = set()
        self._lock = threading.Lock()
        self._closed = False

    # -- learning about sessions (event loop) ------------------------------------------------------

    async def middleware(self, ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
        """Record every session that offers sampling, from its first message after the handshake."""
        result = await call_next(ctx)
        if ctx.method != "initialize" and _offers_sampling(ctx.session):
            self._record(ctx)
        return result

    def _record(self, ctx: ServerRequestContext[Any, Any]) -> None:
        key = _connection_key(ctx)
        user_id = self._user_of(ctx)
        if user_id is None or key.startswith("request-"):  # stateless HTTP: no channel to send on
            return
        with self._lock:
            if self._closed or key in self._unusable:
                return
            if self._owner.setdefault(key, user_id) != user_id:  # a session speaks for one user, ever
                self._unusable.add(key)
                self._drop(key)
                logger.warning("a session spoke for a second user: it is asked nothing more")
                return
            state = self._users.setdefault(user_id, _UserState())
            known = state.sessions.get(key)
            if known is not None:
                known.session = ctx.session  # the same connection, seen through a newer request
                return
            state.sessions[key] = _Session(key, ctx.session, anyio.lowlevel.current_token())
            while len(state.sessions) > MAX_SESSIONS_PER_USER:
                state.sessions.pop(next(iter(state.sessions)))
        logger.info("a client offering sampling connected: its model can do the memory's language work")

    def _drop(self, key: str) -> None:
        """Forget the session `key` under every user (the caller holds the lock)."""
        for state in self._users.values():
            state.sessions.pop(key, None)

    def close(self) -> None:
        """No more requests: the server is shutting down and its sessions go with it."""
        with self._lock:
            self._closed = True
            self._users.clear()

    # -- the engine's Sampler (any thread) ---------------------------------------------------------

    def available(self, user_id: str) -> bool:
        return self._ready(user_id) is not None

    def _ready(self, user_id: str) -> _Session | None:
        """The user's most recent session that is not paused."""
        now = self._clock()
        with self._lock:
            state = self._users.get(user_id)
            candidates = [s for s in (state.sessions.values() if state else []) if s.paused_until <= now]
        return candidates[-1] if candidates else None

    def complete(self, user_id: str, request: SamplingRequest) -> str:
        entry = self._ready(user_id)
        if entry is None:
            raise SamplingFailure("absent", "no connected client of this user offers sampling now")
        params = CreateMessageRequestParams(
            messages=[SamplingMessage(role="user", content=TextContent(type="text", text=request.user))],
            system_prompt=request.system, include_context="none", max_tokens=request.max_tokens,
            temperature=request.temperature, model_preferences=MODEL_PREFERENCES,
        )
        try:
            result = anyio.from_thread.run(self._send, entry.session, params, request.timeout, token=entry.token)
        except TimeoutError:
            raise self._failed(user_id, entry, "timeout",
                               f"the client's model did not answer within {request.timeout:g} s") from None
        except NoBackChannelError:
            self._forget(entry, unusable=True)
            raise SamplingFailure("absent", "the session cannot receive requests from the server") from None
        except MCPError as exc:
            if exc.error.code == CONNECTION_CLOSED:
                self._forget(entry)
                raise SamplingFailure("absent", "the session closed") from None
            raise self._failed(user_id, entry, "declined",  # the client answered with an error: it refused
                               f"the client declined the sampling request ({exc.error.message[:120]})") from None
        except ValidationError:
            raise LLMError("the client answered the sampling request with something else than a message") from None
        except (anyio.ClosedResourceError, anyio.BrokenResourceError, RuntimeError) as exc:  # RuntimeError: no loop
            self._forget(entry)
            raise SamplingFailure("absent", f"the session is gone ({type(exc).__name__})") from None
        self._answered(user_id, entry)
        if not isinstance(result.content, TextContent):
            raise LLMError(f"the client's model answered with {result.content.type} content, not text")
        return result.content.text

    @staticmethod
    async def _send(session: ServerSession, params: CreateMessageRequestParams, timeout: float) -> CreateMessageResult:
        """sampling/createMessage on the session's own channel (not tied to any request of it)."""
        with anyio.fail_after(timeout):
            return await session.send_request(CreateMessageRequest(params=params), CreateMessageResult)

    def _failed(self, user_id: str, entry: _Session, kind: FailureKind, message: str) -> SamplingFailure:
        """Pause the session (longer each time it happens again); say so once until the model answers again."""
        with self._lock:
            first_pause = DECLINED_PAUSE if kind == "declined" else TIMEOUT_PAUSE
            entry.pause = min(MAX_PAUSE, entry.pause * 2 if entry.problem == kind else first_pause)
            entry.paused_until = self._clock() + entry.pause
            entry.problem = kind
            state = self._users.setdefault(user_id, _UserState())
            state.last_problem = message
            fresh = kind not in state.said
            state.said.add(kind)
        if fresh:
            logger.warning("%s: the memory's enrichment by the client's model pauses for %.0f s; pages stay stored "
                           "and searchable and the offline rules keep the profile (see memoryos://status)",
                           message, entry.pause)
        return SamplingFailure(kind, f"{message}; paused for {entry.pause:.0f} s")

    def _answered(self, user_id: str, entry: _Session) -> None:
        with self._lock:
            recovered = entry.problem is not None
            entry.answered += 1
            entry.pause, entry.problem = 0.0, None
            state = self._users.get(user_id)
            if state is not None and recovered:
                state.said.clear()
        if recovered:
            logger.info("the client's model answers sampling requests again")

    def _forget(self, entry: _Session, unusable: bool = False) -> None:
        with self._lock:
            self._drop(entry.key)
            self._owner.pop(entry.key, None)
            if unusable:
                self._unusable.add(entry.key)

    def status(self, user_id: str) -> dict[str, Any]:
        now = self._clock()
        with self._lock:
            state = self._users.get(user_id) or _UserState()
            sessions = list(state.sessions.values())
            ready = [s for s in sessions if s.paused_until <= now]
            paused = [s for s in sessions if s.paused_until > now]
            last_problem = state.last_problem
        if ready:
            label = "ready"
        elif paused:
            label = "declined" if any(s.problem == "declined" for s in paused) else "slow"
        else:
            label = "no client"
        report: dict[str, Any] = {"state": label, "sessions": len(sessions),
                                  "answered": sum(s.answered for s in sessions)}
        if paused and not ready:
            report["retry_in_seconds"] = round(min(s.paused_until for s in paused) - now)
        if last_problem:
            report["last_problem"] = last_problem
        return report


def _connection_key(ctx: ServerRequestContext[Any, Any]) -> str:
    """HTTP names its session (a header, or SSE's query string); a stdio or in-process connection is known
    by the capabilities object it declared, which lives as long as the connection."""
    key = ArrivalOrder.session_key(ctx)
    return f"{key}-{id(ctx.session.client_capabilities)}" if key == "stdio" else key


def _offers_sampling(session: ServerSession) -> bool:
    """A handshake-era client that declared sampling: the 2026-07-28 protocol forbids server requests."""
    if session.protocol_version in MODERN_PROTOCOL_VERSIONS:
        return False
    return session.check_client_capability(ClientCapabilities(sampling=SamplingCapability()))


def single_user(user_id: str) -> UserOf:
    """Every session of a one-user server speaks for that user."""
    return lambda _ctx: user_id

