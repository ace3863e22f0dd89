"""The connected client's own model as the LLM, asked through MCP sampling (this module knows no MCP).

Most users have no API key, yet every MCP client that calls us is driven by a capable model. The
server implements `Sampler` over its sessions; `SamplingLLM` sends the LLM path's prompts through it
unchanged (it is a transport, like the OpenAI-compatible one), within a budget: at most
`sampling_max_requests_per_hour`, in bursts of at most BURST, each answer at most `sampling_max_tokens`.
When no client can answer (none connected, the user declined, too slow, budget spent) the work waits
instead of failing, and the offline rules keep the memory useful meanwhile.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from ..config import MemoryConfig
from ..errors import LLMDeferredError
from .llm import LLM
from .openai_llm import PromptedLLM
from .prompts import Prompt

logger = logging.getLogger(__name__)

#: Most sampling requests sent back to back: a bulk import's pages are enriched a batch at a time,
#: then at the hourly rate, so it never floods the user's client.
BURST = 12
#: Requests one page's enrichment takes (continuation, chain summary, themes): a page is begun only with
#: room for all of them, so a budget running dry mid-page does not waste the answers already paid for.
PAGE_REQUESTS = 3

FailureKind = Literal["absent", "declined", "timeout"]


@dataclass(frozen=True)
class SamplingRequest:
    """One completion asked of the client's model: the LLM path's (system, user) prompt and its bounds."""

    system: str
    user: str
    max_tokens: int
    timeout: float
    temperature: float


class SamplingFailure(LLMDeferredError):
    """The client did not answer: `kind` 'absent' (no session of this user offers sampling), 'declined'
    (the client or its user refused) or 'timeout'. The work waits; it is no fault of the page."""

    def __init__(self, kind: FailureKind, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class Sampler(Protocol):
    """What the server offers the engine: its connected sessions' models, by user.

    A request for a user's data only ever goes to a session of that same user.
    """

    def available(self, user_id: str) -> bool:
        """True when a session of `user_id` offers sampling and is not backing off."""
        ...

    def complete(self, user_id: str, request: SamplingRequest) -> str:
        """The text the client's model answered; raises SamplingFailure, or LLMError for an unusable answer."""
        ...

    def status(self, user_id: str) -> dict[str, Any]:
        """The sessions' state for `memoryos://status` (counts and the last problem, no memory text)."""
        ...


class RequestBudget:
    """A token bucket: at most `per_hour` requests an hour, at most `burst` of them back to back."""

    def __init__(self, per_hour: int, burst: int = BURST, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_hour = per_hour
        self._capacity = float(min(burst, per_hour))
        self._tokens = self._capacity
        self._clock = clock
        self._last = clock()
        self._lock = threading.Lock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self._capacity, self._tokens + (now - self._last) * self.per_hour / 3600.0)
        self._last = now

    def has_room(self, requests: int = 1) -> bool:
        """Room for `requests` now (for at most a burst's worth, so a small budget still makes progress)."""
        with self._lock:
            self._refill()
            return self._tokens >= min(float(requests), self._capacity)

    def take(self) -> bool:
        """Spend one request; False (nothing spent) when the budget is empty."""
        with self._lock:
            self._refill()
            if self._tokens < 1.0:
                return False
            self._tokens -= 1.0
            return True

    def seconds_to_next(self, requests: int = 1) -> float:
        """How long until `requests` fit (at most a burst's worth)."""
        with self._lock:
            self._refill()
            return max(0.0, (min(float(requests), self._capacity) - self._tokens) * 3600.0 / self.per_hour)


class SamplingLLM(PromptedLLM):
    """The LLM path's tasks, answered by the connected client's model of this engine's user.

    With `llm_provider` "sampling", work that needs the model waits in the backlog while no client can
    answer; with "auto" (no endpoint configured) the offline rules stand in for it meanwhile. While the
    hourly budget is spent the work waits in both. Either way the rules learn every page's facts, so the
    profile stays useful whatever the client does.
    """

    TEMPERATURE = 0.1

    def __init__(self, sampler: Sampler, config: MemoryConfig, *, rules_stand_in: bool) -> None:
        super().__init__("auto:sampling-or-offline" if rules_stand_in else "sampling")
        self._sampler = sampler
        self._user_id = config.user_id
        self._max_tokens = config.sampling_max_tokens
        self._timeout = config.llm_timeout
        self._budget = RequestBudget(config.sampling_max_requests_per_hour)
        self._stand_in = self.rules if rules_stand_in else None
        self._lock = threading.Lock()
        self._sent = 0
        self._budget_spent_said = False

    def now(self) -> LLM | None:
        """The client's model when one can answer and the budget has room for a page (else the work waits
        for the budget); the rules or nobody when no client can answer."""
        if not self._sampler.available(self._user_id):
            return self._stand_in
        if self._budget.has_room(PAGE_REQUESTS):
            return self
        self._say_budget_spent(self._budget.seconds_to_next(PAGE_REQUESTS))
        return None

    def _complete(self, prompt: Prompt) -> str:
        if not self._budget.take():
            wait = self._budget.seconds_to_next()
            raise LLMDeferredError(f"the sampling budget ({self._budget.per_hour} requests an hour) is spent: "
                                   f"enrichment by the client's model resumes in {wait:.0f} s")
        with self._lock:
            self._sent += 1
            self._budget_spent_said = False
        request = SamplingRequest(system=prompt.system, user=prompt.user,
                                  max_tokens=min(self._max_tokens, prompt.max_tokens),
                                  timeout=self._timeout * prompt.timeout_share, temperature=self.TEMPERATURE)
        return self._sampler.complete(self._user_id, request)

    def _say_budget_spent(self, wait: float) -> None:
        """Once per spell: a long import reaching the cap is expected, not a fault to repeat per page."""
        with self._lock:
            if self._budget_spent_said:
                return
            self._budget_spent_said = True
        logger.info("sampling budget of %d requests an hour reached: enrichment by the client's model pauses "
                    "(next request in %.0f s); pages stay stored and searchable", self._budget.per_hour, wait)

    def status(self) -> dict[str, Any]:
        """What `memoryos://status` shows as `llm_state`: whether the client's model is in use now, the
        budget and the sessions' state."""
        with self._lock:
            sent = self._sent
        return {
            **super().status(),
            **self._sampler.status(self._user_id),
            "in_use": self.now() is self,
            "requests_sent": sent,
            "budget_left_now": self._budget.has_room(PAGE_REQUESTS),
            "max_requests_per_hour": self._budget.per_hour,
            "max_tokens": self._max_tokens,
        }


class NoSampler:
    """The sampler of an engine opened outside the server (CLI commands, library use): no client is ever
    connected, so with `llm_provider` "sampling" pages wait for the server to enrich them."""

    def available(self, user_id: str) -> bool:
        return False

    def complete(self, user_id: str, request: SamplingRequest) -> str:
        raise SamplingFailure("absent", "no MCP client is connected to answer sampling requests")

    def status(self, user_id: str) -> dict[str, Any]:
        return {"state": "no client", "sessions": 0}
