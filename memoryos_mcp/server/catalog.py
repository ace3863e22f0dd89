"""What the server offers, as a client lists it: the bundle manifest is written from this rather than from a
hand-kept list, so the two cannot drift apart."""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from mcp.server.mcpserver import MCPServer
from mcp_types import GetPromptResult, TextContent

from ..config import MemoryConfig
from .app import build_server
from .host import AppContext, EngineHost


@dataclass(frozen=True)
class ToolEntry:
    name: str
    description: str


@dataclass(frozen=True)
class PromptEntry:
    name: str
    description: str
    arguments: list[str]
    #: The prompt's text with each argument left as the placeholder `${arguments.NAME}`.
    text: str


@dataclass(frozen=True)
class Catalog:
    title: str
    tools: list[ToolEntry]
    prompts: list[PromptEntry]


def catalog() -> Catalog:
    """The server's title, tools and prompts; nothing is opened (the engine opens in the lifespan only)."""
    return anyio.run(_listed, build_server(EngineHost(MemoryConfig.model_validate({}), "stdio")))


async def _listed(server: MCPServer[AppContext]) -> Catalog:
    tools = [ToolEntry(tool.name, tool.description or "") for tool in await server.list_tools()]
    prompts = []
    for prompt in await server.list_prompts():
        names = [argument.name for argument in prompt.arguments or []]
        result = await server.get_prompt(prompt.name, {name: f"${{arguments.{name}}}" for name in names})
        if not isinstance(result, GetPromptResult):
            raise TypeError(f"prompt {prompt.name} asks the client for input; a manifest can only list plain text")
        text = "\n\n".join(message.content.text for message in result.messages
                           if isinstance(message.content, TextContent))
        prompts.append(PromptEntry(prompt.name, prompt.description or "", names, text))
    return Catalog(server.title or server.name, tools, prompts)
