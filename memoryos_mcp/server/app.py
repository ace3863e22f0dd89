"""The MCP server object: every tool, resource and prompt, and a lifespan that holds the shared engine."""

from __future__ import annotations

import inspect

from mcp.server.mcpserver import MCPServer

from .. import __version__
from . import manage_tools, memory_tools
from .host import AppContext, Host
from .mcp_middleware import ArrivalOrder, unknown_names_are_invalid_params
from .observability import log_calls
from .resources import add_resources
from .tenants import TeamHost, TenantEngines
from .tool_errors import error_payload
from .user_prompts import PROMPTS, add_prompts

INSTRUCTIONS = (
    "Long-term memory of your conversations with this user. Call retrieve_memory before answering "
    "anything that may depend on earlier conversations (names, preferences, plans, past events); call "
    "add_memory after each meaningful exchange so it can be recalled later; call get_user_profile to "
    "personalise a conversation from its start. Everything is stored locally."
)


def build_server(host: Host) -> MCPServer[AppContext]:
    server: MCPServer[AppContext] = MCPServer(
        "memoryos", title="MemoryOS memory", version=__version__, instructions=INSTRUCTIONS,
        lifespan=lambda _server: host.hold(), middleware=[error_payload],
    )
    tools = memory_tools.TOOLS + manage_tools.TOOLS
    for tool, hints in tools:
        server.add_tool(tool, description=inspect.cleandoc(tool.__doc__ or ""), annotations=hints)
    server.middleware.insert(0, ArrivalOrder())  # outermost, so nothing before it can reorder requests
    server.middleware.insert(1, log_calls)
    server.middleware.append(host.sampling.middleware)
    server.middleware.append(unknown_names_are_invalid_params({tool.__name__ for tool, _ in tools},
                                                              set(PROMPTS)))
    if isinstance(host, TeamHost):
        server.middleware.append(TenantEngines(host))
    add_resources(server, host)
    add_prompts(server)
    return server
