"""The LLM path: `PromptedLLM` holds every task's prompt and reads each answer tolerantly (reasoning
blocks, code fences, stray text) into a validated value, or an LLMError, over one transport
`_complete(system, user)`. `OpenAILLM` is that transport for any OpenAI-compatible chat endpoint (OpenAI,
Ollama, vLLM...); `SamplingLLM` (sampling.py) for the connected MCP client's model."""

from __future__ import annotations

import json
import logging
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import AliasChoices, BaseModel, Field, ValidationError, field_validator

from ..config import MemoryConfig
from ..errors import LLMError
from ..models import PageText, Theme
from ..usermodel.llm_updates import parse_updates
from ..usermodel.values import Update
from . import prompts

if TYPE_CHECKING:
    import openai
    from openai.types.chat import ChatCompletionMessageParam

    from .llm import LLM

logger = logging.getLogger(__name__)


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
        raise LLMError("the language model's answer was empty (or only reasoning)")
    for candidate in [*_FENCE.findall(body), body]:
        try:
            return _normalise_keys(_first_json(candidate.strip()))
        except ValueError:
            continue
    raise LLMError(f"the language model did not answer with JSON: {_preview(body)}")


def _preview(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[:limit] + "...")


# -- answer shapes ----------------------------------------------------------------------------------

MAX_META_CHARS = 800
MAX_THEME_SUMMARY_CHARS = 400
MAX_KEYWORDS = 8
MAX_PROFILE_CHARS = 4000
MAX_FACT_CHARS = 300
MAX_FACTS = 30


def _clip(text: str, limit: int) -> str:
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
        raise LLMError(f"the language model's {task} answer has the wrong shape ({where}: {first['msg']})") from None


def _as_object(value: Any, key: str) -> Any:
    """Wrap a bare list or scalar answer in the object the prompt asked for."""
    return value if isinstance(value, dict) else {key: value}


def _clean_facts(facts: list[str]) -> list[str]:
    seen: set[str] = set()
    kept = []
    for fact in facts:
        text = _clip(fact, MAX_FACT_CHARS)
        if text and text.lower() not in seen:
            seen.add(text.lower())
            kept.append(text)
    return kept[:MAX_FACTS]


def _clean_keywords(words: list[str]) -> list[str]:
    cleaned = []
    for word in words:
        text = _clip(str(word).strip().strip("#").lower(), 40)
        if text and text not in cleaned:
            cleaned.append(text)
    return cleaned[:MAX_KEYWORDS]


def _display_url(url: str) -> str:
    """The endpoint for messages, without any user:password part."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", "")) if netloc else url


# -- the tasks, over any model transport --------------------------------------------------------------


class PromptedLLM:
    """The LLM path's tasks over one transport, `_complete(system, user) -> answer text`: every prompt and
    answer shape lives here once, so a prompt added here works with every model provider."""

    name: str
    offline = False
    learns_by_rules = False

    def now(self) -> LLM | None:
        return self

    def status(self) -> dict[str, Any]:
        return {}

    def _complete(self, system: str, user: str) -> str:
        """The model's answer to one prompt; raises LLMError when there is none."""
        raise NotImplementedError

    def _ask_json(self, pair: tuple[str, str], model: type[BaseModel], key: str, task: str) -> Any:
        value = parse_json_answer(self._complete(*pair))
        return _validate(model, _as_object(value, key), task)

    def is_continuation(self, previous: PageText, current: PageText) -> bool:
        answer = self._complete(*prompts.continuation(previous, current))
        try:
            value = parse_json_answer(answer)
        except LLMError:
            match = _YES_NO.match(strip_think(answer))
            if not match:
                raise
            value = match.group(1)
        return bool(_validate(_Continuation, _as_object(value, "continues"), "continuity").continues)

    def chain_meta(self, previous_meta: str, page: PageText) -> str:
        answer = self._ask_json(prompts.chain_meta(previous_meta, page), _Summary, "summary", "summary")
        summary = _clip(answer.summary, MAX_META_CHARS)
        if not summary:
            raise LLMError("the language model returned an empty summary")
        return summary

    def themes(self, pages: list[PageText]) -> list[Theme]:
        value = parse_json_answer(self._complete(*prompts.themes(pages)))
        if isinstance(value, dict) and not {"themes", "topics"} & value.keys():
            value = [value]  # one bare theme object
        answer = _validate(_Themes, _as_object(value, "themes"), "themes")
        themes = [
            Theme(summary=_clip(t.summary, MAX_THEME_SUMMARY_CHARS), keywords=_clean_keywords(t.keywords))
            for t in answer.themes
            if t.summary.strip()
        ]
        if not themes:
            raise LLMError("the language model returned no usable theme")
        return themes[:2]

    def profile(self, old_profile: str, pages: list[PageText], facts: list[str]) -> str:
        answer = self._ask_json(prompts.profile(old_profile, pages, facts), _Profile, "profile", "profile")
        text = answer.profile.strip()
        if len(text) > MAX_PROFILE_CHARS:  # cut at a line end: the profile's lines are its structure
            text = text[:MAX_PROFILE_CHARS].rsplit("\n", 1)[0].rstrip()
        return text

    def model_updates(self, pages: list[PageText]) -> list[list[Update]]:
        return parse_updates(parse_json_answer(self._complete(*prompts.model_updates(pages))), len(pages))

    def user_facts(self, pages: list[PageText]) -> list[str]:
        return _clean_facts(self._ask_json(prompts.user_facts(pages), _Facts, "facts", "user facts").facts)

    def assistant_facts(self, pages: list[PageText]) -> list[str]:
        answer = self._ask_json(prompts.assistant_facts(pages), _Facts, "facts", "assistant facts")
        return _clean_facts(answer.facts)

    def chat(self, system: str, user: str) -> str:
        text = strip_think(self._complete(system, user))
        if not text:
            raise LLMError(f"the language model ({self.name}) answered with reasoning only")
        return text


# -- the OpenAI-compatible provider -----------------------------------------------------------------


class OpenAILLM(PromptedLLM):
    """Any OpenAI-compatible chat endpoint; the SDK retries 429/5xx/connection errors with backoff."""

    #: Low but non-zero: extraction should be stable, yet a retried call may word things differently.
    TEMPERATURE = 0.1

    def __init__(self, config: MemoryConfig) -> None:
        self._key = config.openai_api_key.get_secret_value() if config.openai_api_key else "not-needed"
        self.model = config.llm_model
        self.name = f"openai:{self.model}"
        self._where = _display_url(config.openai_base_url) if config.openai_base_url else "the OpenAI API"
        self._timeout = config.llm_timeout
        self._send_temperature = True
        import openai  # here, not at module level: the offline default never pays for importing it

        self._client = openai.OpenAI(
            api_key=self._key,
            base_url=config.openai_base_url or None,
            timeout=config.llm_timeout,
            max_retries=config.llm_max_retries,
        )

    def close(self) -> None:
        """Release the HTTP connection pool (optional: the engine may call it on shutdown)."""
        self._client.close()

    def _request(self, messages: list[ChatCompletionMessageParam]) -> Any:
        import openai

        extra: dict[str, Any] = {"temperature": self.TEMPERATURE} if self._send_temperature else {}
        try:
            return self._client.chat.completions.create(model=self.model, messages=messages, **extra)
        except openai.BadRequestError as exc:
            if self._send_temperature and "temperature" in str(exc.message).lower():
                logger.info("%s rejects a temperature setting; sending none from now on", self.name)
                self._send_temperature = False
                return self._request(messages)
            raise

    def _complete(self, system: str, user: str) -> str:
        import openai

        messages: list[ChatCompletionMessageParam] = [{"role": "system", "content": system},
                                                      {"role": "user", "content": user}]
        try:
            response = self._request(messages)
        except openai.APITimeoutError:
            raise LLMError(
                f"the language model at {self._where} did not answer within {self._timeout:g} s "
                "(raise llm_timeout in config.json for slow models)"
            ) from None
        except openai.APIConnectionError:
            raise LLMError(f"cannot connect to the language model at {self._where}: is the server running?") from None
        except openai.APIStatusError as exc:
            raise LLMError(self._status_message(exc)) from None
        except (openai.OpenAIError, ValueError, TypeError, KeyError) as exc:
            raise LLMError(
                f"the language model at {self._where} sent an unreadable response ({type(exc).__name__})"
            ) from None
        return self._content(response)

    def _status_message(self, exc: openai.APIStatusError) -> str:
        detail = self._redact(re.sub(r"^Error code: \d+ - ", "", str(exc.message)))
        hint = ""
        if exc.status_code == 401:
            hint = " (check openai_api_key / OPENAI_API_KEY)"
        elif exc.status_code == 404:
            hint = f" (check llm_model {self.model!r} and openai_base_url)"
        return f"the language model at {self._where} answered HTTP {exc.status_code}: {_clip(detail, 200)}{hint}"

    def _redact(self, text: str) -> str:
        return text.replace(self._key, "***") if len(self._key) >= 8 else text

    def _content(self, response: Any) -> str:
        choices = getattr(response, "choices", None)
        if not choices:
            raise LLMError(f"the language model at {self._where} returned no choices")
        content = getattr(choices[0].message, "content", None)
        if not isinstance(content, str) or not content.strip():
            raise LLMError(f"the language model at {self._where} returned an empty answer")
        return content
