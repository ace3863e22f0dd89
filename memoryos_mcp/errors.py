"""Errors that are part of the interface: each message says what is wrong and how to fix it."""


class MemoryosError(Exception):
    """Base class for every error this package raises on purpose."""


class ConfigError(MemoryosError):
    """The configuration is unusable; the message names the file, the key and the problem."""


class InvalidInputError(MemoryosError, ValueError):
    """A caller-supplied argument is invalid; the message names the argument and what was expected."""


class EmbeddingError(MemoryosError):
    """The embedding provider failed (model missing, endpoint down, wrong answer)."""


class LLMError(MemoryosError):
    """The language model failed or answered in an unusable form; enrichment is retried later."""


class LLMDeferredError(LLMError):
    """The model cannot be asked now (no client offers sampling, the user declined, the budget is spent):
    the work waits in the backlog with no failed attempt counted against the page."""


class LLMUnavailableError(MemoryosError):
    """A feature needs a language model and none is configured."""


class StoreMismatchError(MemoryosError):
    """The store was built with another embedding model than the one configured."""


class StoreFullError(MemoryosError):
    """The disk holding the store is full: nothing was stored, the caller may retry once space is freed."""


class StoreDamagedError(ConfigError):
    """The database file is damaged; the message says how to recover."""


class StoreUnavailableError(MemoryosError):
    """The database server cannot be reached: nothing of the failed call was stored, the caller may retry."""
