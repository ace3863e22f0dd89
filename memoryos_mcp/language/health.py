"""How well the configured model is doing, and whether the memory runs on the offline floor meanwhile.

Every task's outcome (an answer used, or refused and replaced by the offline rules' result) goes into a
window of the last WINDOW outcomes. Once most of them failed, the memory is "on the offline floor": the
rules do the work, and the model is asked only one task in PROBE_EVERY, so a dead or useless endpoint
costs little time; the first answer used leaves the floor (with a fresh window). Entering the floor logs
ONE warning (at most one an hour: a model that flaps says so once), leaving it an info line; each refusal
is counted by reason and logged at DEBUG only (the warning names reasons, never memory text).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter, deque
from typing import Any

logger = logging.getLogger(__name__)

#: Outcomes the success rate is measured over.
WINDOW = 20
#: Outcomes needed before the rate can put the memory on the floor (a first failure is no trend).
MIN_OUTCOMES = 6
#: Below this success rate the memory is on the offline floor.
FLOOR_RATE = 0.5
#: On the floor, one task in this many is still asked of the model.
PROBE_EVERY = 5
#: Seconds between two warnings about one model.
WARN_INTERVAL = 3600.0


class ModelHealth:
    """Outcomes, refusals by reason and the floor of one model; thread-safe (the worker and tool calls)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._recent: deque[bool] = deque(maxlen=WINDOW)
        self._rejections: Counter[str] = Counter()
        self._last_rejection = ""
        self._last_reason = ""
        self._answers_used = 0
        self._skipped = 0
        self._on_floor = False
        self._warned_at: float | None = None

    def should_ask(self) -> bool:
        """Ask the model for this task? Always, unless on the floor (then one task in PROBE_EVERY)."""
        with self._lock:
            if not self._on_floor:
                return True
            self._skipped += 1
            return self._skipped % PROBE_EVERY == 0

    def used(self) -> None:
        with self._lock:
            self._answers_used += 1
            if self._on_floor:
                self._on_floor = False
                self._recent.clear()
                logger.info("the language model %s answers usefully again: it does the work again", self.name)
            self._recent.append(True)

    def refused(self, reason: str, message: str) -> None:
        """The task's answer is refused (or never came): the rules' result stands in."""
        with self._lock:
            self._rejections[reason] += 1
            self._last_rejection = f"{reason}: {message}"
            self._last_reason = reason
            self._recent.append(False)
            self._update_floor()
        logger.debug("%s: answer refused (%s): %s", self.name, reason, message)

    def dropped(self, reason: str, message: str) -> None:
        """One item of an answer (a fact, a theme, an update) refused; the rest of the answer stands."""
        with self._lock:
            self._rejections[reason] += 1
            self._last_rejection = f"{reason}: {message}"
        logger.debug("%s: one item refused (%s): %s", self.name, reason, message)

    def _update_floor(self) -> None:
        if self._on_floor or len(self._recent) < MIN_OUTCOMES or self._rate() >= FLOOR_RATE:
            return
        self._on_floor = True
        now = time.monotonic()
        if self._warned_at is None or now - self._warned_at >= WARN_INTERVAL:
            self._warned_at = now
            logger.warning("the language model %s is mostly failing (%d of its last %d answers refused, the last "
                           "for %s): the memory runs on the offline rules and asks the model one task in %d until it "
                           "recovers (see llm_state in memoryos://status)", self.name,
                           self._recent.count(False), len(self._recent), self._last_reason or "-", PROBE_EVERY)
        else:
            logger.info("the language model %s is mostly failing again: the memory runs on the offline rules",
                        self.name)

    def _rate(self) -> float:
        return self._recent.count(True) / len(self._recent) if self._recent else 1.0

    def status(self) -> dict[str, Any]:
        """For `memoryos://status` (reasons and counts, never an answer's text beyond the refusal message)."""
        with self._lock:
            return {
                "answers_used": self._answers_used,
                "recent_success_rate": round(self._rate(), 2) if self._recent else None,
                "recent_outcomes": len(self._recent),
                "on_offline_floor": self._on_floor,
                "last_rejection": self._last_rejection or None,
                "rejections": dict(self._rejections),
            }
