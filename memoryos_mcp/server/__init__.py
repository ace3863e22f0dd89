"""The MCP surface, one module per concern; the only package that imports `mcp`.

- `host`: the shared engine behind every MCP lifespan, and running engine calls off the event loop
- `memory_tools`: add_memory, retrieve_memory, get_user_profile
- `resources`: memoryos://status and memoryos://config
- `tool_errors`: tool errors as one `{"status": "error", "message"}` line naming the argument
- `app`: the server object that assembles the above
- `transports`: stdio, and SSE / streamable HTTP with DNS-rebinding protection and the bearer token
- `cli`: the `memoryos-mcp` entry point
"""

from .cli import main

__all__ = ["main"]
