"""What the memory asks of a language model, behind one small interface.

`OpenAILLM` (openai_llm.py) talks to any OpenAI-compatible chat endpoint and `SamplingLLM` (sampling.py)
to the connected MCP client's model, both with the same prompts, turning every answer into a validated
value, or the offline rules' result for that task when the answer is refused (never garbage);
`OfflineLLM` (offline.py) does the same work with deterministic rules, and learns every page's facts
whatever model is configured: the floor under it. `policy.make_llm` picks one from the config.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..models import PageText, Theme
from ..usermodel.values import Update


class LLM(Protocol):
    """What the memory tiers ask of a language model. Methods raise LLMError on failure."""

    name: str
    #: True for the offline rules: no model, so enrichment is cheap enough to run inline.
    offline: bool

    def now(self) -> LLM | None:
        """The provider for the next piece of work: this one, the offline rules standing in for a model
        that cannot be asked now, or None when the work must wait for the model."""
        ...

    def status(self) -> dict[str, Any]:
        """The provider's state for `memoryos://status` (empty when it has nothing to report)."""
        ...

    def is_continuation(self, previous: PageText, current: PageText) -> bool:
        """Does `current` carry on the conversation of `previous`?"""
        ...

    def chain_meta(self, previous_meta: str, page: PageText) -> str:
        """The dialogue chain's running summary, updated with `page`."""
        ...

    def themes(self, pages: list[PageText]) -> list[Theme]:
        """At most two themes (summary + keywords) covering `pages`."""
        ...

    def profile(self, old_profile: str, pages: list[PageText], facts: list[str]) -> str:
        """The whole user profile, rewritten from the current `facts` and `pages` ('' when nothing to say)."""
        ...

    def user_facts(self, pages: list[PageText]) -> list[str]:
        """Short factual statements about the user found in `pages`."""
        ...

    def assistant_facts(self, pages: list[PageText]) -> list[str]:
        """Short factual statements about the assistant (said, recommended, promised)."""
        ...

    def chat(self, system: str, user: str) -> str:
        """A free-form answer; the offline provider raises LLMUnavailableError."""
        ...

    def model_updates(self, pages: list[PageText]) -> list[list[Update]]:
        """Per page, its updates to the user model (offline: none here, the learner's rules give them)."""
        ...
