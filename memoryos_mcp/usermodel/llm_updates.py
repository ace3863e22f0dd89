"""The language model's answer to the user-model prompt, checked into the same updates the rules give.

Anything that is not an update of a known shape, naming a listed attribute and values the exchanges
hold, is dropped and counted (`dropped(reason, message)`), never stored as garbage.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from ..language.answers import Rejected
from .values import Update

if TYPE_CHECKING:
    from ..language.validation import Grounds

#: Longest value kept from a model's answer.
MAX_VALUE_CHARS = 200


class _Update(BaseModel):
    exchange: int = Field(ge=1)
    subject: str = Field(min_length=1, max_length=80)
    attribute: str = Field(min_length=1, max_length=60)
    value: str = Field(min_length=1)
    change: Literal["set", "add", "end", "correct"] = "set"
    when: str | None = Field(default=None, pattern=r"^\d{4}-\d\d-\d\d$")
    old: str | None = None

    @field_validator("when", "old", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return None if value in ("", "null", "none", "None") else value


def parse_updates(answer: Any, pages: int, grounds: Grounds,
                  dropped: Callable[[str, str], None]) -> list[list[Update]]:
    """Per exchange (1..pages), its updates from a decoded JSON answer; malformed or ungrounded items are
    dropped (and counted), and an answer whose every update is dropped is refused, as no answer (the prompt echoed
    gives its example's update, which no exchange holds)."""
    items = answer.get("updates", []) if isinstance(answer, dict) else answer if isinstance(answer, list) else []
    found: list[list[Update]] = [[] for _ in range(pages)]
    for item in items if isinstance(items, list) else []:
        try:
            update = _Update.model_validate(item)
        except ValidationError:
            dropped("wrong_shape", "an update of the wrong shape")
            continue
        if update.exchange > pages:
            dropped("wrong_shape", f"an update of exchange {update.exchange}, of {pages}")
            continue
        subject = update.subject.strip()
        subject = subject.lower() if subject.lower() in ("user", "assistant") or subject.islower() else subject
        try:
            grounds.check_update(subject, update.attribute.strip().lower(), update.value.strip())
        except Rejected as exc:
            dropped(exc.reason, str(exc))
            continue
        found[update.exchange - 1].append(Update(subject, update.attribute.strip().lower(),
                                                 update.value.strip()[:MAX_VALUE_CHARS], update.change,
                                                 update.when, update.old))
    if items and not any(found):
        raise Rejected("no_valid_update", f"none of the {len(items)} updates validated")
    return found
