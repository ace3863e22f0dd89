"""The three MemoryOS tools: thin adapters over `Memoryos`, with the argument descriptions clients show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from mcp.server.mcpserver import Context
from mcp_types import ToolAnnotations
from pydantic import BeforeValidator, Field

from ..models import AddResult, ProfileResult, RetrieveResult
from ..validation import MAX_RESULTS_LIMIT
from .host import AppContext, engine, in_thread

UserInput = Annotated[str, Field(description="What the user said in this exchange, verbatim.")]
AgentResponse = Annotated[str, Field(description="What you (the assistant) answered, verbatim.")]
Timestamp = Annotated[str | None, Field(
    description="When the exchange happened: 'YYYY-MM-DD HH:MM:SS' or ISO 8601 (e.g. 2025-01-31T14:05:00Z). "
                "Omit for now; give it when importing past conversations.")]
MetaData = Annotated[dict[str, Any] | None, Field(
    description='Optional JSON object stored with the exchange and returned with it, e.g. {"source": "chat"}.')]
Query = Annotated[str, Field(description="What to recall: the user's question or the topic, in plain words.")]
Relationship = Annotated[str, Field(
    description="How you relate to the user (e.g. friend, assistant, coach); kept for MemoryOS compatibility")]
StyleHint = Annotated[str, Field(
    description="Optional hint about the answer's style; kept for MemoryOS compatibility.")]


def _not_a_boolean(value: Any) -> Any:
    """pydantic reads `true` as 1 for an int; for a count that is a caller's mistake, not a number."""
    if isinstance(value, bool):
        raise ValueError("must be an integer, not true or false")
    return value


MaxResults = Annotated[int, BeforeValidator(_not_a_boolean), Field(
    ge=1, le=MAX_RESULTS_LIMIT, description=f"Most past exchanges to return (1-{MAX_RESULTS_LIMIT}), best first")]
After = Annotated[str | None, Field(
    description="Only exchanges and facts from this ISO date or date-time on (e.g. 2024-03-01).")]
Before = Annotated[str | None, Field(
    description="Only exchanges and facts before this ISO date or date-time (e.g. 2024-04-01).")]
ReferenceTime = Annotated[str | None, Field(
    description="ISO date-time that relative phrases in the query ('yesterday', 'last week') count from; "
                "omit for now.")]
IncludeKnowledge = Annotated[bool, Field(description="Also return the stored facts about the user.")]
IncludeAssistantKnowledge = Annotated[bool, Field(
    description="Also return the stored facts about the assistant (what you said, recommended or promised).")]


async def add_memory(
    ctx: Context[AppContext, Any], user_input: UserInput, agent_response: AgentResponse,
    timestamp: Timestamp = None, meta_data: MetaData = None,
) -> AddResult:
    """Save one exchange of the conversation (what the user said and what you answered) to memory.

    Call it after every meaningful exchange, above all when the user shares facts about
    themselves: names, preferences, plans, people, places, dates, numbers. Recent exchanges stay in
    short-term memory, older ones are grouped into topics (mid-term), and frequently revisited
    topics are distilled into the user's profile and knowledge (long-term), automatically.
    Returns the stored timestamp and the page id.
    """
    return await in_thread(engine(ctx).add_memory, user_input, agent_response, timestamp, meta_data)


async def retrieve_memory(
    ctx: Context[AppContext, Any], query: Query, relationship_with_user: Relationship = "friend",
    style_hint: StyleHint = "", max_results: MaxResults = 10, after: After = None, before: Before = None,
    reference_time: ReferenceTime = None,
) -> RetrieveResult:
    """Recall what is known about the user that is relevant to a query.

    Returns the recent conversation (short-term memory), past exchanges ranked by relevance
    (matched by meaning and by exact words such as names, places and numbers), facts about the
    user and about you, and the user profile. Call it before answering anything that may depend
    on earlier conversations. Every item carries its timestamp, so you can answer "when", and past
    exchanges their relevance score; recent exchanges that match the query are marked relevant.
    Time phrases in the query ("yesterday", "last week", "in March 2024") rank that period higher;
    after/before keep only what lies between them.
    """
    return await in_thread(engine(ctx).retrieve, query, relationship_with_user, style_hint, max_results,
                           after, before, reference_time)


async def get_user_profile(
    ctx: Context[AppContext, Any], include_knowledge: IncludeKnowledge = True,
    include_assistant_knowledge: IncludeAssistantKnowledge = False,
) -> ProfileResult:
    """Read the user's profile: personality, preferences, interests and needs inferred from past
    conversations, plus (optionally) the facts stored about the user and about the assistant.

    Use it to personalise a conversation from its start. The profile is empty until enough
    conversation about a topic has accumulated.
    """
    return await in_thread(engine(ctx).get_user_profile, include_knowledge, include_assistant_knowledge)


TOOLS: list[tuple[Callable[..., Any], ToolAnnotations]] = [
    (add_memory, ToolAnnotations(title="Add memory", read_only_hint=False, destructive_hint=False,
                                 idempotent_hint=False, open_world_hint=False)),
    (retrieve_memory, ToolAnnotations(title="Retrieve memory", read_only_hint=True, open_world_hint=False)),
    (get_user_profile, ToolAnnotations(title="Get user profile", read_only_hint=True, idempotent_hint=True,
                                       open_world_hint=False)),
]
