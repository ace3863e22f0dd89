"""What `retrieve_memory` may send back: a budget of characters a client can afford in its context.

An answer used to carry the whole profile, every short-term page whether it matched or not, the same
chain summary on every page of a chain and up to twenty facts: ~11K characters by default, more
than most questions need. Here the answer keeps what the question needs within
`budget(max_results)` characters of JSON (12,000 for the default 10 results, 8,000 for 5): a chain's summary is
given once, the profile is the first PROFILE_CHARS of the card, and when the answer is still too
long the weakest facts past the best three, then the weakest pages are left out, never the best
page or fact.
"""

from __future__ import annotations

from ..models import KnowledgeItem, RetrievedPage, RetrieveResult, ShortTermPage

#: Characters of JSON an answer may take: a fixed part (profile, facts) and a share per requested page.
BASE_CHARS = 4000
PER_RESULT_CHARS = 800
#: The profile in an answer: the card's first lines up to this many characters (get_user_profile has it all).
PROFILE_CHARS = 1500
#: Facts of each kind kept before any page is left out: the best few answer most questions.
KEPT_FACTS = 3


def budget(max_results: int) -> int:
    """Characters of JSON an answer asking for `max_results` pages may take."""
    return BASE_CHARS + PER_RESULT_CHARS * max_results


def short_card(profile: str, limit: int = PROFILE_CHARS) -> str:
    """The profile's first whole lines within `limit` characters (a single long line is cut at a word)."""
    if len(profile) <= limit:
        return profile
    kept: list[str] = []
    used = 0
    for line in profile.splitlines():
        if used + len(line) + 1 > limit:
            break
        kept.append(line)
        used += len(line) + 1
    text = "\n".join(kept).rstrip()
    return text or profile[:limit].rsplit(" ", 1)[0]


def once_per_chain(pages: list[RetrievedPage]) -> list[RetrievedPage]:
    """Pages of one dialogue chain share its summary: the first of them (best ranked) carries it."""
    seen: set[str] = set()
    kept = []
    for page in pages:
        if page.meta_info in seen:
            page = page.model_copy(update={"meta_info": ""})
        seen.add(page.meta_info)
        kept.append(page)
    return kept


def fit(result: RetrieveResult, limit: int) -> RetrieveResult:
    """The answer within `limit` characters, leaving out its weakest parts (`_drop_weakest`) while it is
    longer; the best page and the best fact of each kind always stay."""
    result = result.model_copy(update={"retrieved_pages": once_per_chain(result.retrieved_pages)})
    size = len(result.model_dump_json())
    while size > limit:
        dropped = _drop_weakest(result)
        if dropped is None:
            break
        result = dropped
        size = len(result.model_dump_json())
    return result.model_copy(update={
        "short_term_count": len(result.short_term_memory),
        "total_pages_found": len(result.retrieved_pages),
        "total_user_knowledge_found": len(result.retrieved_user_knowledge),
        "total_assistant_knowledge_found": len(result.retrieved_assistant_knowledge),
    })


def _drop_weakest(result: RetrieveResult) -> RetrieveResult | None:
    """The answer less its weakest part: a fact past the best KEPT_FACTS of its kind, else the lowest-scored
    page (retrieved or short-term) while two remain, else the last fact while two of its kind remain."""
    for floor in (KEPT_FACTS, None):
        for key in ("retrieved_assistant_knowledge", "retrieved_user_knowledge"):
            facts: list[KnowledgeItem] = getattr(result, key)
            if len(facts) > (floor or 1):
                return result.model_copy(update={key: facts[:-1]})
        pages: list[RetrievedPage | ShortTermPage] = [*result.retrieved_pages, *result.short_term_memory]
        if floor is not None and len(pages) > 1:
            weakest = min(pages, key=lambda page: page.score)
            return result.model_copy(update={
                "retrieved_pages": [p for p in result.retrieved_pages if p is not weakest],
                "short_term_memory": [p for p in result.short_term_memory if p is not weakest],
            })
    return None
