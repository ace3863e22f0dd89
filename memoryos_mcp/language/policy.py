"""What the configured language model can do, decided once and handed to the parts that need to know.

The offline rules run in-process: no model call, no cost, deterministic. With them a page is placed in
its chain and segment before `add_memory` returns, facts are learnt from every page, and a segment's
summary is rewritten at every join, whatever model is configured (the floor). A model (an
OpenAI-compatible endpoint, or the MCP client's own through sampling) refines that work where its answer
passes validation: each page's chain and topic, the heat-gated analysis of hot segments, and summaries
at 2, 4, 8... pages. The client's model comes and goes with its sessions, so who
does a piece of work is asked per pass (`now`): the model, the rules standing in for it, or nobody (the
work waits for it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..config import MemoryConfig
from .llm import LLM
from .offline import OfflineLLM
from .openai_llm import OpenAILLM
from .sampling import NoSampler, SamplingLLM

if TYPE_CHECKING:
    from .sampling import Sampler


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

    def now(self) -> LLM | None:
        """Who does the next piece of work: the llm, the rules standing in for a model that cannot be asked
        now, or None while the work waits for the model."""
        return self.llm.now()

    def works_locally(self) -> bool:
        """No model does the work now: a call places the pages it moved before it returns (cheap: no
        model call), and a read may wait the milliseconds learning takes."""
        llm = self.now()
        return llm is not None and llm.offline

    @property
    def profile_from_facts(self) -> bool:
        """The profile is a function of the facts (rules); a model's may quote anything a page said."""
        return self.local


def make_llm(config: MemoryConfig, sampler: Sampler | None = None) -> LLM:
    """The configured provider: OpenAI-compatible when a key or base URL is set; the connected client's
    model with "sampling", or with "auto" when the server offers a `sampler` (the offline rules standing
    in while no client can answer); else offline."""
    if config.uses_openai_llm:
        return OpenAILLM(config)
    if config.llm_provider == "sampling":
        return SamplingLLM(sampler or NoSampler(), config, rules_stand_in=False)
    if config.llm_provider == "auto" and sampler is not None:
        return SamplingLLM(sampler, config, rules_stand_in=True)
    return OfflineLLM()
