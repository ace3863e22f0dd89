"""The background worker: a thread that runs enrichment after writes, in the gaps between tool calls.

Split from enrichment.py: what runs (the Enricher) and when it runs (this module) change for different reasons.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]

logger = logging.getLogger(__name__)

#: Background work waits for tool calls to leave a gap this long (seconds) before each CPU-heavy
#: step, but never longer than FOREGROUND_MAX_WAIT: an agent calling without pause cannot starve it.
FOREGROUND_GAP = 0.05
FOREGROUND_MAX_WAIT = 1.0

#: Niceness of the background worker thread: promotion embeds facts, and on two cores that work
#: doubled the slowest add_memory calls when it ran at the same priority.
WORKER_NICENESS = 19


class Foreground:
    """Tool calls in progress, so that background work runs in the gaps between them; and whether the
    engine is closing, so that background work stops at its next step.

    On two cores a promotion embedding its facts while add_memory embeds its page slowed the
    slowest adds by half; a lower thread priority helps only partly, as the model's thread pool
    is shared.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active = 0
        self._last_end = 0.0
        self._closing = False

    @contextmanager
    def call(self) -> Iterator[None]:
        with self._cond:
            self._active += 1
        try:
            yield
        finally:
            with self._cond:
                self._active -= 1
                self._last_end = time.monotonic()
                self._cond.notify_all()

    def close(self) -> None:
        """No more background steps: the engine is closing."""
        with self._cond:
            self._closing = True
            self._cond.notify_all()

    @property
    def closing(self) -> bool:
        """True once the engine is closing: background work returns before its next step."""
        return self._closing

    def busy(self) -> bool:
        """True while a tool call is in progress."""
        with self._cond:
            return self._active > 0

    def wait_for_gap(self, gap: float = FOREGROUND_GAP, max_wait: float = FOREGROUND_MAX_WAIT) -> bool:
        """True once no call has run for `gap` seconds; False if `max_wait` passed first."""
        deadline = time.monotonic() + max_wait
        with self._cond:
            while True:
                now = time.monotonic()
                if self._closing or (self._active == 0 and now - self._last_end >= gap):
                    return True
                if now >= deadline:
                    return False
                wake = deadline if self._active else min(deadline, self._last_end + gap)
                self._cond.wait(wake - now)


class Pass(Protocol):
    """One pass of background work (the Enricher's): it finds its own work and returns when done."""

    def run(self) -> object: ...


class EnrichmentWorker:
    """A background thread that runs the enricher when asked, and on a timer for retries.

    Requests are numbered, so `wait_idle` returns only after a pass that started after it asked.
    """

    def __init__(self, enricher: Pass, foreground: Foreground, poll_seconds: float = 2.0) -> None:
        self.enricher = enricher
        self.foreground = foreground
        self.poll_seconds = poll_seconds
        self._cond = threading.Condition()
        self._requested = 0
        self._done = 0
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="memoryos-enrichment", daemon=True)
        self._thread.start()

    def notify(self) -> int:
        with self._cond:
            self._requested += 1
            self._cond.notify_all()
            return self._requested

    def _loop(self) -> None:
        _lower_thread_priority()
        blas = ThreadpoolController()
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stopping or self._requested > self._done, self.poll_seconds)
                if self._stopping:
                    return
                target = self._requested
            try:
                # One BLAS thread while background work runs (the limit is process-wide; a tool call's products
                # are as small): the card's statements against the aspects' examples are small products, and
                # OpenBLAS's second thread spun after each, waiting for more: 1.7 s of a core per 149 pages
                # learnt (dev_sam), for the same results.
                with blas.limit(limits=1, user_api="blas"):
                    self.enricher.run()
            except Exception:
                logger.exception("enrichment failed unexpectedly; pages are kept and retried later")
            with self._cond:
                self._done = target
                self._cond.notify_all()

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Block until a full pass has run after this call; False if `timeout` came first."""
        target = self.notify()
        with self._cond:
            return self._cond.wait_for(lambda: self._done >= target or not self._thread.is_alive(), timeout)

    def stop(self, timeout: float = 30.0) -> None:
        """End the thread after the step in progress. What is left (pages not yet enriched or learnt) is in the
        store and done after the next open: draining first made a quitting client wait, over a minute for a
        test server's few pages on a loaded machine (loading spaCy to learn them)."""
        self.foreground.close()
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join(timeout)


def _lower_thread_priority() -> None:
    """Let tool calls have the CPU first. Linux nices a single thread when given its id."""
    if not sys.platform.startswith("linux"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), WORKER_NICENESS)
    except OSError as exc:
        logger.debug("background worker keeps normal priority: %s", exc)
