"""The LLM path: `PromptedLLM` asks a model each task's prompt and uses its answer only when it reads
(answers.py) and means something (validation.py); otherwise, at once, the offline rules' result for that
task stands in, and the refusal is counted (health.py). So a configured model refines the offline memory
and never makes it worse, and no page waits on a model that cannot answer. `OpenAILLM` is the transport
for any OpenAI-compatible chat endpoint (OpenAI, Ollama, llama.cpp, vLLM...); `SamplingLLM` (sampling.py)
for the connected MCP client's model."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

from ..config import MemoryConfig
from ..errors import LLMDeferredError, LLMError
from ..models import PageText, Theme
from ..usermodel.llm_updates import parse_updates
from ..usermodel.values import Update
from . import prompts
from .answers import (
    Rejected,
    clip,
    parse_json_answer,
    preview,
    read_continuity,
    read_facts,
    read_profile,
    read_summary,
    read_themes,
    strip_think,
)
from .health import ModelHealth
from .offline import OfflineLLM
from .prompts import Prompt
from .validation import Grounds

if TYPE_CHECKING:
    import openai
    from openai.types.chat import ChatCompletionMessageParam

    from .llm import LLM

logger = logging.getLogger(__name__)
T = TypeVar("T")


def _display_url(url: str) -> str:
    """The endpoint for messages, without any user:password part."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", "")) if netloc else url


# -- the tasks, over any model transport --------------------------------------------------------------


class PromptedLLM:
    """The LLM path's tasks over one transport, `_complete(prompt) -> answer text`: every prompt, answer
    check and fallback lives here once, so a prompt added here works with every model provider."""

    name: str
    offline = False

    def __init__(self, name: str) -> None:
        self.name = name
        self.rules = OfflineLLM()
        self.health = ModelHealth(name)

    def now(self) -> LLM | None:
        return self

    def status(self) -> dict[str, Any]:
        return self.health.status()

    def _complete(self, prompt: Prompt) -> str:
        """The model's answer to one prompt; raises LLMError when there is none."""
        raise NotImplementedError

    def _task(self, prompt: Prompt, read: Callable[[str, Grounds], T], fallback: Callable[[], T]) -> T:
        """The model's answer to `prompt` as `read` makes it, or the rules' result (`fallback`) when the answer
        did not come, does not read or does not validate. A waiting model (LLMDeferredError) is no failure."""
        if not self.health.should_ask():
            return fallback()
        try:
            answer = self._complete(prompt)
        except LLMDeferredError:
            raise
        except LLMError as exc:
            self.health.refused("no_answer", str(exc))
            return fallback()
        logger.debug("%s answered the %s prompt: %s", self.name, prompt.task, preview(answer, 2000))
        grounds = Grounds.of(prompt)
        try:
            if grounds.restates_shape(answer):
                raise Rejected("placeholder", f"the {prompt.task} answer is the prompt's example shape")
            value = read(answer, grounds)
        except Rejected as exc:
            self.health.refused(exc.reason, str(exc))
            return fallback()
        self.health.used()
        return value

    def is_continuation(self, previous: PageText, current: PageText) -> bool:
        return self._task(prompts.continuation(previous, current),
                          lambda text, grounds: read_continuity(grounds.check_short_answer(text)),
                          lambda: self.rules.is_continuation(previous, current))

    def chain_meta(self, previous_meta: str, page: PageText) -> str:
        return self._task(prompts.chain_meta(previous_meta, page),
                          lambda text, grounds: grounds.check_text(read_summary(text), "summary"),
                          lambda: self.rules.chain_meta(previous_meta, page))

    def themes(self, pages: list[PageText]) -> list[Theme]:
        return self._task(prompts.themes(pages), self._read_themes, lambda: self.rules.themes(pages))

    def _read_themes(self, text: str, grounds: Grounds) -> list[Theme]:
        themes = []
        for theme in read_themes(text):
            try:
                grounds.check_text(theme.summary, "theme")
            except Rejected as exc:
                self.health.dropped(exc.reason, str(exc))
                continue
            themes.append(Theme(summary=theme.summary,
                                keywords=[w for w in theme.keywords if grounds.check_keyword(w)]))
        if not themes:
            raise Rejected("empty", "no usable theme in the answer")
        return themes

    def profile(self, old_profile: str, pages: list[PageText], facts: list[str]) -> str:
        """The model's card, or the card the rules wrote (`old_profile`) when the model's is refused."""
        return self._task(prompts.profile(old_profile, pages, facts),
                          lambda text, grounds: grounds.check_keeps(old_profile, _read_profile(text, grounds)),
                          lambda: old_profile or self.rules.profile(old_profile, pages, facts))

    def model_updates(self, pages: list[PageText]) -> list[list[Update]]:
        """The model's updates; the rules' are none here (the learner reads every page with them)."""
        return self._task(prompts.model_updates(pages),
                          lambda text, grounds: parse_updates(parse_json_answer(text), len(pages), grounds,
                                                              self.health.dropped),
                          lambda: self.rules.model_updates(pages))

    def user_facts(self, pages: list[PageText]) -> list[str]:
        """The model's facts that validate; none when its answer is refused, as the rules learn every page's
        facts already (promotion.learn_pending)."""
        return self._task(prompts.user_facts(pages), lambda text, grounds: self._read_facts(text, grounds, "user"),
                          list)

    def assistant_facts(self, pages: list[PageText]) -> list[str]:
        """As `user_facts`, about the assistant."""
        return self._task(prompts.assistant_facts(pages),
                          lambda text, grounds: self._read_facts(text, grounds, "assistant"), list)

    def _read_facts(self, text: str, grounds: Grounds, kind: str) -> list[str]:
        """The facts that validate; an answer whose every fact is refused is refused (the rules' stand in)."""
        facts = read_facts(text, f"{kind} facts")
        kept = []
        for fact in facts:
            try:
                kept.append(grounds.check_fact(fact))
            except Rejected as exc:
                self.health.dropped(exc.reason, str(exc))
        if facts and not kept:
            raise Rejected("no_valid_fact", f"none of the {len(facts)} {kind} facts validated")
        return kept

    def chat(self, system: str, user: str) -> str:
        text = strip_think(self._complete(prompts.chat(system, user)))
        if not text:
            raise LLMError(f"the language model ({self.name}) answered with reasoning only")
        return text


def _read_profile(text: str, grounds: Grounds) -> str:
    """A card that says something, all of it grounded (an empty card would wipe the rules' one)."""
    profile = read_profile(text)
    if not profile:
        raise Rejected("empty", "the model's profile is empty")
    return grounds.check_text(profile, "profile")


# -- the OpenAI-compatible provider -----------------------------------------------------------------

#: How an answer's JSON shape is asked for, best first: the task's schema enforced by the server (OpenAI's
#: `json_schema`, or llama.cpp's `json_object` with a `schema`), any JSON object, or only the prompt's words.
#: Found once per endpoint and model (a server refusing a kind answers HTTP 400 or 422, llama-cpp-python
#: 500 naming `response_format`), then remembered for every engine of this process.
FORMATS = ("json_schema", "json_object_schema", "json_object", "plain")
_formats: dict[str, str] = {}
_formats_lock = threading.Lock()


def _response_format(mode: str, prompt: Prompt) -> dict[str, Any] | None:
    if prompt.schema is None or mode == "plain":
        return None
    if mode == "json_object":
        return {"type": "json_object"}
    if mode == "json_object_schema":
        return {"type": "json_object", "schema": prompt.schema}
    name = re.sub(r"\W+", "_", prompt.task)
    return {"type": "json_schema", "json_schema": {"name": name, "schema": prompt.schema, "strict": False}}


class OpenAILLM(PromptedLLM):
    """Any OpenAI-compatible chat endpoint; the SDK retries 429/5xx/connection errors (`llm_max_retries`)."""

    #: Low but non-zero: extraction should be stable, yet a retried call may word things differently.
    TEMPERATURE = 0.1

    def __init__(self, config: MemoryConfig) -> None:
        super().__init__(f"openai:{config.llm_model}")
        self._key = config.openai_api_key.get_secret_value() if config.openai_api_key else "not-needed"
        self.model = config.llm_model
        self._where = _display_url(config.openai_base_url) if config.openai_base_url else "the OpenAI API"
        self._endpoint = f"{config.openai_base_url or 'openai'}|{self.model}"
        self._timeout = config.llm_timeout
        self._send_temperature = True
        self._length_key = "max_tokens"
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

    def status(self) -> dict[str, Any]:
        with _formats_lock:
            structured = _formats.get(self._endpoint, "not yet known")
        return {**super().status(), "structured_output": structured}

    def _request(self, messages: list[ChatCompletionMessageParam], prompt: Prompt) -> Any:
        """The completion, asked in the best answer format this endpoint takes (found on the first request
        with a schema: a refused format is dropped for the next, and the one that works is remembered)."""
        import openai

        with _formats_lock:
            known = _formats.get(self._endpoint)
        modes = FORMATS[FORMATS.index(known or FORMATS[0]):] if prompt.schema is not None else ("plain",)
        for mode in modes:
            try:
                response = self._create(messages, prompt, _response_format(mode, prompt))
            except openai.APIStatusError as exc:
                refused = exc.status_code in (400, 422) or "response_format" in str(exc.message)
                if mode == modes[-1] or not refused:
                    raise
                continue
            if prompt.schema is not None and known != mode:
                with _formats_lock:
                    _formats[self._endpoint] = mode
                logger.info("%s at %s takes answer format %s", self.name, self._where, mode)
            return response
        raise AssertionError("unreachable: the last format raises")

    def _create(self, messages: list[ChatCompletionMessageParam], prompt: Prompt,
                response_format: dict[str, Any] | None) -> Any:
        """One request; a model refusing the temperature or the `max_tokens` name is asked again without it
        (or with `max_completion_tokens`), remembered for its next requests."""
        import openai

        extra: dict[str, Any] = {"temperature": self.TEMPERATURE} if self._send_temperature else {}
        extra[self._length_key] = prompt.max_tokens
        if response_format is not None:
            extra["response_format"] = response_format
        try:
            return self._client.chat.completions.create(model=self.model, messages=messages,
                                                        timeout=self._timeout * prompt.timeout_share, **extra)
        except openai.BadRequestError as exc:
            message = str(exc.message).lower()
            if self._send_temperature and "temperature" in message:
                logger.info("%s rejects a temperature setting; sending none from now on", self.name)
                self._send_temperature = False
                return self._create(messages, prompt, response_format)
            if self._length_key == "max_tokens" and "max_tokens" in message and "max_completion_tokens" in message:
                self._length_key = "max_completion_tokens"
                return self._create(messages, prompt, response_format)
            raise

    def _complete(self, prompt: Prompt) -> str:
        import openai

        messages: list[ChatCompletionMessageParam] = [{"role": "system", "content": prompt.system},
                                                      {"role": "user", "content": prompt.user}]
        timeout = self._timeout * prompt.timeout_share
        try:
            response = self._request(messages, prompt)
        except openai.APITimeoutError:
            raise LLMError(
                f"the language model at {self._where} did not answer the {prompt.task} prompt within {timeout:g} s "
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
        return f"the language model at {self._where} answered HTTP {exc.status_code}: {clip(detail, 200)}{hint}"

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
