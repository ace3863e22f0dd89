"""Tool errors as the SPEC's `{"status": "error", "message"}` payload, on one line naming the argument."""

from __future__ import annotations

import json
import re
from typing import Any

from mcp.server.context import CallNext, HandlerResult, ServerRequestContext

#: One argument error in pydantic's text: the argument's name, then its indented message.
_ARGUMENT_ERROR = re.compile(r"^(\S[^\n]*)\n  ([^\n\[]+?)(?: \[type=[^\n]*)?$", re.MULTILINE)


def tidy(text: str) -> str:
    """Pydantic's multi-line report (with URLs and echoed input) as one line naming each argument."""
    if ":" not in text:  # an unexpected exception: the SDK withholds its text from the client
        return f"{text}: internal error (the server log has the details)"
    head, _, _ = text.partition("\n")
    problems = [f"{name}: {message.strip()}" for name, message in _ARGUMENT_ERROR.findall(text)]
    if "validation error" not in head or not problems:
        return text
    return head.split(":", 1)[0] + ": invalid arguments: " + "; ".join(problems)


async def error_payload(ctx: ServerRequestContext[Any, Any], call_next: CallNext) -> HandlerResult:
    """Tool errors read `{"status": "error", "message": ...}` (SPEC §4), the message on one clear line.

    Only as text: some clients validate structuredContent against the outputSchema even on errors.
    """
    result = await call_next(ctx)
    if ctx.method != "tools/call" or not isinstance(result, dict) or not result.get("isError"):
        return result
    message = tidy(" ".join(b.get("text", "") for b in result.get("content", []) if b.get("type") == "text"))
    text = json.dumps({"status": "error", "message": message}, ensure_ascii=False)
    return {**result, "content": [{"type": "text", "text": text}]}
