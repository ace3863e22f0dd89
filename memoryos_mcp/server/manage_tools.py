"""Tools that manage what is stored: browse, bulk add, delete, correct facts, forget everything.

Thin adapters over `Memoryos`; the engine validates everything again, so library callers get the same errors.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Annotated, Any, Literal

import anyio
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError
from mcp.shared.exceptions import MCPError, NoBackChannelError
from mcp_types import ToolAnnotations
from pydantic import BaseModel, Field

from ..memory.browse import DEFAULT_LIMIT, MAX_LIMIT
from ..memory.data_control import FORGET_ALL_CONFIRMATION, MAX_FACT_CHARS
from ..memory.forget import MAX_IDS_PER_CALL
from ..models import (
    Answer,
    DeleteKnowledgeResult,
    DeleteResult,
    FactList,
    ForgetResult,
    PageList,
    UpdateKnowledgeResult,
)
from ..validation import MAX_ID
from .host import AppContext, engine, in_thread

logger = logging.getLogger(__name__)

#: How long forget_all waits for the user's answer to its confirmation question.
CONFIRM_TIMEOUT_SECONDS = 60.0
#: Most pages one add_memories call takes; larger histories go in several calls (or `memoryos-mcp import`).
MAX_PAGES_PER_CALL = 1000

Tier = Annotated[Literal["all", "short", "mid", "archived"], Field(
    description="Which pages: all, short (the recent conversation), mid (grouped into topics) or archived "
                "(evicted from search, still stored).")]
After = Annotated[str | None, Field(
    description="Only pages at or after this time ('YYYY-MM-DD HH:MM:SS' or ISO 8601).")]
Before = Annotated[str | None, Field(description="Only pages strictly before this time.")]
Cursor = Annotated[str | None, Field(description="The next_cursor of the previous answer, for the next (older) pages.")]
Limit = Annotated[int, Field(ge=1, le=MAX_LIMIT, description=f"Pages per answer (1-{MAX_LIMIT}).")]
#: A stored id as JSON gives it: strict, so `true` is not page 1 and "7" is not 7; below 2**63 (SQLite's rowids).
StoreId = Annotated[int, Field(strict=True, ge=1, le=MAX_ID)]
PageIds = Annotated[list[StoreId], Field(
    min_length=1, max_length=MAX_IDS_PER_CALL,
    description=f"Ids of the pages to delete (page_id in list_memories or retrieve_memory), 1-{MAX_IDS_PER_CALL}.")]
Kind = Annotated[Literal["user", "assistant"], Field(
    description="user: facts about the user; assistant: what the assistant said, recommended or promised.")]
IncludeHistory = Annotated[bool, Field(description="Also list facts a newer fact superseded (kept as history).")]
FactIds = Annotated[list[StoreId], Field(
    min_length=1, max_length=MAX_IDS_PER_CALL,
    description=f"Ids of the facts to delete (id in list_knowledge or get_user_profile), 1-{MAX_IDS_PER_CALL}.")]
FactId = Annotated[StoreId, Field(description="Id of the fact to correct (id in list_knowledge or get_user_profile).")]
Knowledge = Annotated[str, Field(
    min_length=1, max_length=MAX_FACT_CHARS,
    description="The corrected fact, one short statement, e.g. 'User lives in Porto'.")]
Confirm = Annotated[str, Field(description=f'Must be exactly "{FORGET_ALL_CONFIRMATION}".')]


class NewPageArgument(BaseModel):
    user_input: str = Field(description="What the user said, verbatim.")
    agent_response: str = Field("", description="What the assistant answered, verbatim.")
    timestamp: str | None = Field(None, description="When it happened ('YYYY-MM-DD HH:MM:SS' or ISO 8601).")
    meta_data: dict[str, Any] | None = Field(None, description="Optional JSON object kept with the exchange.")


Pages = Annotated[list[NewPageArgument], Field(
    min_length=1, max_length=MAX_PAGES_PER_CALL,
    description=f"The exchanges, oldest first, 1-{MAX_PAGES_PER_CALL} per call.")]


class AddManyResult(Answer):
    status: Literal["success"] = "success"
    page_ids: list[int] = Field(description="Ids of the stored pages, in the order given.")
    count: int


class ForgetConfirmation(BaseModel):
    erase_everything: bool = Field(strict=True, description="Yes: erase every stored memory of this user, for good.")


async def _user_confirms(ctx: Context[AppContext, Any]) -> None:
    """Ask the user through the client when it can elicit; raises ToolError unless they accept.

    A client that does not answer within CONFIRM_TIMEOUT_SECONDS (or has no channel back to it) leaves
    the decision to the confirm phrase already given, so the session is never held for longer.
    """
    capabilities = ctx.client_capabilities
    if capabilities is None or capabilities.elicitation is None:
        return
    question = f"Erase every stored memory of user {engine(ctx).scope.user_id!r}? This cannot be undone."
    try:
        with anyio.fail_after(CONFIRM_TIMEOUT_SECONDS):
            answer = await ctx.elicit(question, ForgetConfirmation)
    except (TimeoutError, NoBackChannelError):
        logger.warning("forget_all: the client did not answer the confirmation; the confirm phrase decides")
        return
    except (ValueError, MCPError):
        raise ToolError("confirm: the client's answer was not a yes or no (expected erase_everything: true or "
                        "false); nothing was deleted") from None
    if answer.action != "accept" or not answer.data.erase_everything:
        raise ToolError("confirm: the user did not confirm; nothing was deleted")


async def list_memories(
    ctx: Context[AppContext, Any], tier: Tier = "all", after: After = None, before: Before = None,
    cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
) -> PageList:
    """List the stored exchanges (pages), newest first, a few at a time.

    Each page has its id (for delete_memory), timestamp, tier and topic segment. Pass the answer's
    next_cursor back as `cursor` for older pages; next_cursor is null on the last answer.
    """
    return await in_thread(engine(ctx).list_memories, tier, after, before, cursor, limit)


async def add_memories(ctx: Context[AppContext, Any], pages: Pages) -> AddManyResult:
    """Save many exchanges at once, e.g. a past conversation with its original timestamps.

    All or nothing: if any page is invalid, none is stored. Reports progress on large batches.
    """
    memory = engine(ctx)

    def progress(done: int, total: int) -> None:
        anyio.from_thread.run(ctx.report_progress, done, total, f"embedded {done} of {total} pages")

    items = [page.model_dump(exclude_none=True) for page in pages]
    ids = await in_thread(memory.add_memories, items, progress)
    return AddManyResult(page_ids=ids, count=len(ids))


async def delete_memory(ctx: Context[AppContext, Any], page_ids: PageIds) -> DeleteResult:
    """Forget exchanges for good: the pages, their place in search, and what was learnt only from them.

    Use it when the user asks to forget something (a password, a health detail, a mistake). Topic
    summaries are rebuilt without the deleted text. All or nothing: an unknown id deletes nothing.
    """
    return await in_thread(engine(ctx).delete_memory, page_ids)


async def list_knowledge(
    ctx: Context[AppContext, Any], kind: Kind = "user", include_history: IncludeHistory = False,
    cursor: Cursor = None, limit: Limit = DEFAULT_LIMIT,
) -> FactList:
    """List the stored facts about the user (or the assistant), most recently seen first, a few at a time.

    Each fact has its id (for update_knowledge and delete_knowledge), the ids of the pages it was
    learnt from, when it was first and last seen, how often, and whether the user corrected it.
    """
    return await in_thread(engine(ctx).list_knowledge, kind, include_history, cursor, limit)


async def delete_knowledge(ctx: Context[AppContext, Any], ids: FactIds) -> DeleteKnowledgeResult:
    """Delete wrong or unwanted facts; the profile is rewritten without them.

    The pages they came from stay (use delete_memory to forget those). All or nothing.
    """
    return await in_thread(engine(ctx).delete_knowledge, ids)


async def update_knowledge(
    ctx: Context[AppContext, Any], id: FactId, knowledge: Knowledge,
) -> UpdateKnowledgeResult:
    """Correct a fact when the user says it is wrong: replaces its text, keeps where it came from,
    and marks it corrected so automatic extraction never overwrites it. The profile follows.
    """
    return await in_thread(engine(ctx).update_knowledge, id, knowledge)


async def forget_all(ctx: Context[AppContext, Any], confirm: Confirm) -> ForgetResult:
    """Erase everything stored about this user: every page, topic, fact and the profile.

    Only when the user explicitly asks to wipe their memory. Needs confirm="DELETE ALL"; a client
    that supports it also asks the user to confirm (without an answer in a minute, the phrase decides).
    """
    if confirm != FORGET_ALL_CONFIRMATION:
        raise ToolError(f'confirm must be exactly "{FORGET_ALL_CONFIRMATION}" to erase this memory; nothing was '
                        "deleted")
    await _user_confirms(ctx)
    return await in_thread(engine(ctx).forget_all, confirm)


TOOLS: list[tuple[Callable[..., Any], ToolAnnotations]] = [
    (list_memories, ToolAnnotations(title="List memories", read_only_hint=True, idempotent_hint=True,
                                    open_world_hint=False)),
    (add_memories, ToolAnnotations(title="Add memories (bulk)", read_only_hint=False, destructive_hint=False,
                                   idempotent_hint=False, open_world_hint=False)),
    (delete_memory, ToolAnnotations(title="Delete memories", read_only_hint=False, destructive_hint=True,
                                    idempotent_hint=True, open_world_hint=False)),
    (list_knowledge, ToolAnnotations(title="List knowledge", read_only_hint=True, idempotent_hint=True,
                                     open_world_hint=False)),
    (delete_knowledge, ToolAnnotations(title="Delete knowledge", read_only_hint=False, destructive_hint=True,
                                       idempotent_hint=True, open_world_hint=False)),
    (update_knowledge, ToolAnnotations(title="Correct knowledge", read_only_hint=False, destructive_hint=True,
                                       idempotent_hint=True, open_world_hint=False)),
    (forget_all, ToolAnnotations(title="Forget everything", read_only_hint=False, destructive_hint=True,
                                 idempotent_hint=True, open_world_hint=False)),
]
