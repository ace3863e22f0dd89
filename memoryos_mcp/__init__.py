"""memoryos-mcp: long-term memory for AI agents (MemoryOS tiers on SQLite + FAISS), over MCP."""

__version__ = "0.1.0"

from .memory import Memoryos  # noqa: E402

__all__ = ["Memoryos", "__version__"]
