"""memoryos-mcp: long-term memory for AI agents (MemoryOS tiers on SQLite + FAISS), over MCP."""

__version__ = "0.1.0"

from .config import MemoryConfig, load_config  # noqa: E402
from .memory.engine import Memoryos  # noqa: E402

__all__ = ["MemoryConfig", "Memoryos", "__version__", "load_config"]
