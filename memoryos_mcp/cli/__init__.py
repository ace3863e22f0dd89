"""The `memoryos-mcp` command: the server by default, and the subcommands that work on a store."""

from .main import main

__all__ = ["main"]
