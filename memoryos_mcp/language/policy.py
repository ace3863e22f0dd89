"""What the configured language model can do, decided once and handed to the parts that need to know.

The offline rules run in-process: no model call, no cost, deterministic. With them a page is placed in
its chain and segment before `add_memory` returns, facts are learnt from every page, and a segment's
summary is rewritten at every join; a model (an OpenAI-compatible endpoint) is asked only where its
answer is worth the call: the heat-gated analysis of hot segments, and summaries at 2, 4, 8... pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import MemoryConfig
from .llm import LLM
from .offline import OfflineLLM
from .openai_llm import OpenAILLM


@dataclass(frozen=True)
class Language:
    """The configured `llm`, the offline `rules` (for work that must stay local and deterministic, such as
    rebuilding summaries after a delete), and whether the llm is those rules (`local`)."""

    llm: LLM
    rules: OfflineLLM
    local: bool

    @classmethod
    def of(cls, llm: LLM) -> Language:
        if isinstance(llm, OfflineLLM):
            return cls(llm, llm, local=True)
        return cls(llm, OfflineLLM(), local=False)

    @property
    def enriches_inline(self) -> bool:
        """A call places the pages it moved before it returns (cheap: no model call)."""
        return self.local

    @property
    def learns_every_page(self) -> bool:
        """Facts come from every page by rules, in the background; a model's come from hot segments only."""
        return self.local

    @property
    def embeds_themes(self) -> bool:
        """A model's themes are its own words and are embedded; the rules' are the page's, with its vector."""
        return not self.local

    @property
    def profile_from_facts(self) -> bool:
        """The profile is a function of the facts (rules); a model's may quote anything a page said."""
        return self.local


def make_llm(config: MemoryConfig) -> LLM:
    """The configured provider: OpenAI-compatible when a key or base URL is set, else offline."""
    if config.uses_openai_llm:
        return OpenAILLM(config)
    return OfflineLLM()
