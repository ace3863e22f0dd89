"""A model's answer read tolerantly (reasoning blocks, code fences, stray text) into the JSON value and
the shape each task asked for, or an LLMError: shape only; what the values mean is checked in
validation.py."""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import AliasChoices, BaseModel, Field, ValidationError, field_validator

from ..errors import LLMError
from ..models import Theme


class Rejected(LLMError):
    """A model's answer refused, for `reason` (counted in the model's health): 'unparseable' and 'wrong_shape'
    here, what it means in validation.py."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason

# -- tolerant parsing -------------------------------------------------------------------------------

_THINK_BLOCK = re.compile(r"<(think|thinking|reasoning)>.*?</\1>", re.DOTALL | re.IGNORECASE)
_THINK_OPEN = re.compile(r"^\s*<(?:think|thinking|reasoning)>", re.IGNORECASE)
_THINK_CLOSE = re.compile(r"</(?:think|thinking|reasoning)>", re.IGNORECASE)
_FENCE = re.compile(r"```[a-zA-Z]*\s*\n?(.*?)```", re.DOTALL)
_YES_NO = re.compile(r"^\W*(yes|no|true|false)\b", re.IGNORECASE)
#: How many `{` / `[` positions to try before giving up on an answer (bounds the work on junk).
_MAX_JSON_STARTS = 64


def strip_think(text: str) -> str:
    """Remove reasoning blocks; an unclosed leading one means the answer never came."""
    text = _THINK_BLOCK.sub("", text)
    closes = list(_THINK_CLOSE.finditer(text))
    if closes:  # some servers drop the opening tag but keep the closing one
        text = text[closes[-1].end() :]
    if _THINK_OPEN.match(text):
        return ""
    return text.strip()


def _normalise_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            re.sub(r"[\s\-]+", "_", str(k).strip().lower()): _normalise_keys(v) for k, v in value.items()
        }
    if isinstance(value, list):
        return [_normalise_keys(v) for v in value]
    return value


def _first_json(text: str) -> Any:
    """The whole text as JSON, else the longest JSON value in it (prose may hold stray "[1]")."""
    decoder = json.JSONDecoder()
    try:
        return decoder.decode(text)
    except ValueError:
        pass
    best: tuple[int, Any] | None = None
    covered_to = 0
    starts = [i for i, ch in enumerate(text) if ch in "{["][:_MAX_JSON_STARTS]
    for start in starts:
        if start < covered_to:
            continue
        try:
            value, end = decoder.raw_decode(text, start)
        except ValueError:
            continue
        covered_to = end
        if best is None or end - start > best[0]:
            best = (end - start, value)
    if best is None:
        raise ValueError("no JSON value found")
    return best[1]


def parse_json_answer(text: str) -> Any:
    """The JSON value in a model's answer: fenced, wrapped in prose or bare; keys lower-cased."""
    body = strip_think(text)
    if not body:
        raise Rejected("empty", "the language model's answer was empty (or only reasoning)")
    for candidate in [*_FENCE.findall(body), body]:
        try:
            return _normalise_keys(_first_json(candidate.strip()))
        except ValueError:
            continue
    raise Rejected("unparseable", f"the language model did not answer with JSON: {preview(body)}")


def preview(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "...")


# -- answer shapes ----------------------------------------------------------------------------------

MAX_META_CHARS = 800
MAX_THEME_SUMMARY_CHARS = 400
MAX_KEYWORDS = 8
MAX_PROFILE_CHARS = 4000
MAX_FACT_CHARS = 300
MAX_FACTS = 30


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "..."


class _Continuation(BaseModel):
    continues: bool = Field(
        validation_alias=AliasChoices("continues", "continuation", "is_continuation", "answer", "result")
    )


class _Summary(BaseModel):
    summary: str = Field(
        min_length=1, validation_alias=AliasChoices("summary", "meta_info", "meta", "updated_summary", "text")
    )


class _Theme(BaseModel):
    summary: str = Field(min_length=1, validation_alias=AliasChoices("summary", "theme", "topic", "description"))
    keywords: list[str] = Field(default_factory=list, validation_alias=AliasChoices("keywords", "keyword", "tags"))

    @field_validator("keywords", mode="before")
    @classmethod
    def _split_keywords(cls, value: Any) -> Any:
        return re.split(r"[,;]", value) if isinstance(value, str) else value


class _Themes(BaseModel):
    themes: list[_Theme] = Field(min_length=1, validation_alias=AliasChoices("themes", "topics"))


class _Profile(BaseModel):
    profile: str = Field(validation_alias=AliasChoices("profile", "user_profile", "updated_profile"))

    @field_validator("profile", mode="before")
    @classmethod
    def _render_structured(cls, value: Any) -> Any:
        """Models sometimes answer with an object of sections: render it as labelled lines."""
        if value is None:
            return ""
        if isinstance(value, dict):
            return "\n".join(f"{k.replace('_', ' ').capitalize()}: {_flatten(v)}" for k, v in value.items())
        return value


class _Facts(BaseModel):
    facts: list[str] = Field(validation_alias=AliasChoices("facts", "knowledge", "statements", "items"))

    @field_validator("facts", mode="before")
    @classmethod
    def _unwrap_objects(cls, value: Any) -> Any:
        """Accept [{"fact": "..."}] as well as ["..."]."""
        if isinstance(value, list):
            return [_first_string(item) if isinstance(item, dict) else item for item in value]
        return value


def _flatten(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_flatten(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in value.items())
    return str(value)


def _first_string(item: dict[str, Any]) -> Any:
    return next((v for v in item.values() if isinstance(v, str)), item)


def _validate(model: type[BaseModel], value: Any, task: str) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "answer"
        raise Rejected("wrong_shape",
                       f"the language model's {task} answer has the wrong shape ({where}: {first['msg']})") from None


def _as_object(value: Any, key: str) -> Any:
    """Wrap a bare list or scalar answer in the object the prompt asked for."""
    return value if isinstance(value, dict) else {key: value}


def _clean_facts(facts: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for fact in facts:
        text = clip(fact, MAX_FACT_CHARS)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            kept.append(text)
    return kept[:MAX_FACTS]


def _clean_keywords(words: list[str]) -> list[str]:
    cleaned = []
    for word in words:
        text = clip(str(word).strip().strip("#").lower(), 40)
        if text and text not in cleaned:
            cleaned.append(text)
    return cleaned[:MAX_KEYWORDS]


# -- one reader per task: the answer text to the value it asked for ----------------------------------------

def read_continuity(text: str) -> bool:
    try:
        value = parse_json_answer(text)
    except Rejected:
        match = _YES_NO.match(strip_think(text))
        if not match:
            raise
        value = match.group(1)
    return bool(_validate(_Continuation, _as_object(value, "continues"), "continuity").continues)


def read_summary(text: str) -> str:
    summary = clip(_validate(_Summary, _as_object(parse_json_answer(text), "summary"), "summary").summary,
                    MAX_META_CHARS)
    if not summary:
        raise Rejected("empty", "the language model returned an empty summary")
    return summary


def read_themes(text: str) -> list[Theme]:
    value = parse_json_answer(text)
    if isinstance(value, dict) and not {"themes", "topics"} & value.keys():
        value = [value]  # one bare theme object
    answer = _validate(_Themes, _as_object(value, "themes"), "themes")
    return [Theme(summary=clip(t.summary, MAX_THEME_SUMMARY_CHARS), keywords=_clean_keywords(t.keywords))
            for t in answer.themes if t.summary.strip()][:2]


def read_profile(text: str) -> str:
    profile = _validate(_Profile, _as_object(parse_json_answer(text), "profile"), "profile").profile.strip()
    if len(profile) > MAX_PROFILE_CHARS:  # cut at a line end: the profile's lines are its structure
        profile = profile[:MAX_PROFILE_CHARS].rsplit("\n", 1)[0].rstrip()
    return profile


def read_facts(text: str, task: str) -> list[str]:
    return _clean_facts(_validate(_Facts, _as_object(parse_json_answer(text), "facts"), task).facts)
