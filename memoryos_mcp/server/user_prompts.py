"""Prompts clients show as commands: teach the model when and how to use the memory tools."""

from __future__ import annotations

from typing import Annotated

from mcp.server.mcpserver import MCPServer
from pydantic import Field

from .host import AppContext


def remember() -> str:
    """Save what this conversation taught you about me into long-term memory."""
    return ("Go through our conversation so far. For each exchange that says something worth remembering "
            "about me (names, people, places, dates, preferences, plans, numbers, decisions), call add_memory "
            "with what I said verbatim as user_input and your answer as agent_response; for several exchanges "
            "at once, call add_memories. Skip small talk and anything I asked you not to keep. Then tell me in "
            "one short list what you saved.")


def recall(topic: Annotated[str, Field(description="What to recall, in plain words.")]) -> str:
    """What do you remember about a topic?"""
    return (f"Call retrieve_memory with the query {topic!r}. Answer from what it returns only: quote dates "
            "from the timestamps, say which facts come from my profile or knowledge, and say plainly if "
            "nothing relevant is stored. Do not guess.")


def review_memory() -> str:
    """Show me what you remember about me, so I can correct or delete it."""
    return ("Call get_user_profile with include_knowledge and include_assistant_knowledge set to true, and "
            "list_memories for the most recent exchanges. Show me the profile and the facts as a numbered "
            "list, each with its date. Then ask which ones are wrong or should be forgotten: delete pages I "
            "want forgotten with delete_memory, and confirm what you changed.")


PROMPTS = {prompt.__name__: prompt for prompt in (remember, recall, review_memory)}


def add_prompts(server: MCPServer[AppContext]) -> None:
    for prompt in PROMPTS.values():
        server.prompt()(prompt)
