"""Every prompt the LLM layer sends, in one place, each asking for one precise JSON shape.

Prompts are (system, user) pairs. Page texts are cut to a bound so one huge page cannot
blow the model's context; the stored page itself is never shortened.
"""

from __future__ import annotations

from ..models import PageText

#: Longest slice of one side of an exchange quoted in a prompt.
MAX_QUOTED_CHARS = 3000

SYSTEM = (
    "You are the memory-analysis component of an AI assistant's long-term memory. You read "
    "exchanges between a user and the assistant and answer with one JSON value only, exactly in "
    "the shape requested: no explanations, no markdown. Never invent facts that the exchanges do "
    "not state or clearly imply."
)


def _cut(text: str, limit: int = MAX_QUOTED_CHARS) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit].rstrip() + " [...]"


def format_page(page: PageText) -> str:
    """One exchange as quoted in prompts: its time, then both sides."""
    return (
        f"[{page.timestamp}]\n"
        f"User: {_cut(page.user_input) or '(nothing)'}\n"
        f"Assistant: {_cut(page.agent_response) or '(nothing)'}"
    )


def format_pages(pages: list[PageText]) -> str:
    return "\n\n".join(format_page(page) for page in pages)


def continuation(previous: PageText, current: PageText) -> tuple[str, str]:
    user = (
        "Two consecutive exchanges of a conversation follow. Decide whether the SECOND one carries "
        "on the conversation of the FIRST (same subject, a follow-up question, an answer to it, or a "
        "reference back to it) rather than opening an unrelated subject.\n\n"
        f"FIRST:\n{format_page(previous)}\n\n"
        f"SECOND:\n{format_page(current)}\n\n"
        'Reply with exactly {"continues": true} or {"continues": false}.'
    )
    return SYSTEM, user


def chain_meta(previous_meta: str, page: PageText) -> tuple[str, str]:
    earlier = previous_meta.strip() or "(none yet: this is the first exchange)"
    user = (
        "Keep a running summary of one conversation. Below are the summary so far and the newest "
        "exchange. Write the updated summary of the whole conversation in at most 80 words: the "
        "subjects discussed, what the user said about themselves, decisions, names, places and dates. "
        "Keep earlier points that still matter; drop small talk.\n\n"
        f"SUMMARY SO FAR:\n{_cut(earlier)}\n\n"
        f"NEWEST EXCHANGE:\n{format_page(page)}\n\n"
        'Reply with exactly {"summary": "<updated summary>"}.'
    )
    return SYSTEM, user


def themes(pages: list[PageText]) -> tuple[str, str]:
    user = (
        "Find the main topics of the exchanges below: one topic, or two if they clearly cover two "
        "different subjects. For each topic give a summary of one or two sentences (at most 40 "
        "words) naming the concrete people, things and events, and up to 8 keywords (lowercase "
        "single words or short names) that someone searching for it would use.\n\n"
        f"EXCHANGES:\n{format_pages(pages)}\n\n"
        'Reply with exactly {"themes": [{"summary": "<summary>", "keywords": ["<kw>", "..."]}]}.'
    )
    return SYSTEM, user


def profile(old_profile: str, pages: list[PageText], facts: list[str]) -> tuple[str, str]:
    current = old_profile.strip() or "(empty: nothing is known yet)"
    known = "\n".join(f"- {fact}" for fact in facts) or "(none yet)"
    user = (
        "Rewrite the user's profile card below from the facts and exchanges that follow, keeping its "
        "sections and their order: 'Who they are' (name, home, work), 'People and pets', 'Health and "
        "diet', 'Activities and favourites', 'Coming up' (with dates), 'Open commitments' (the "
        "assistant's, with dates), 'Recent changes' ('since <date>; before: <old value>'). Current "
        "values only, each in the section its kind belongs to; no trivia, no keyword lists, no guesses, "
        "at most 1,500 characters. Keep what still holds, correct what the facts and new exchanges "
        "contradict. If nothing substantive is known, use an empty string.\n\n"
        f"CURRENT CARD:\n{_cut(current)}\n\n"
        f"KNOWN FACTS:\n{_cut(known)}\n\n"
        f"NEW EXCHANGES:\n{format_pages(pages)}\n\n"
        'Reply with exactly {"profile": "<the whole updated profile>"}.'
    )
    return SYSTEM, user


def user_facts(pages: list[PageText]) -> tuple[str, str]:
    user = (
        "List the facts about the USER that the exchanges below state or clearly imply: identity, "
        "relationships, possessions, pets, work, places, events, plans, preferences and habits. "
        "Each fact is one short self-contained statement in the third person starting with 'User' "
        "(for example 'User adopted a dog named Max in May 2023'). When a fact is an event, give its "
        "date, turning relative dates ('yesterday', 'last week') into dates using the exchange's "
        "timestamp. Leave out greetings, questions, opinions about the assistant and anything "
        "uncertain. If there are no such facts, give an empty list.\n\n"
        f"EXCHANGES:\n{format_pages(pages)}\n\n"
        'Reply with exactly {"facts": ["<fact>", "..."]}.'
    )
    return SYSTEM, user


def assistant_facts(pages: list[PageText]) -> tuple[str, str]:
    user = (
        "List what the ASSISTANT did in the exchanges below that it should remember later: what it "
        "said about itself, recommended, suggested, promised or agreed to do, and concrete "
        "information it gave. Each item is one short self-contained statement in the third person "
        "starting with 'Assistant' (for example 'Assistant recommended the novel Dune to the user on "
        "2023-05-08'). Include the date when it matters. Leave out greetings and generic "
        "pleasantries. If there is nothing, give an empty list.\n\n"
        f"EXCHANGES:\n{format_pages(pages)}\n\n"
        'Reply with exactly {"facts": ["<fact>", "..."]}.'
    )
    return SYSTEM, user


RESPONSE_SYSTEM = (
    "You are a helpful assistant with a long-term memory of your conversations with this user. "
    "Your relationship with the user: {relationship}. {style}Use the memories below when they are "
    "relevant, mention dates when the user asks when something happened, and say so plainly when "
    "your memory does not contain the answer. Do not mention this prompt."
)


def response(
    query: str,
    *,
    relationship_with_user: str,
    style_hint: str,
    recent_history: str,
    retrieved_pages: str,
    user_profile: str,
    user_knowledge: str,
    assistant_knowledge: str,
) -> tuple[str, str]:
    """The (system, user) pair for `Memoryos.get_response`; sections are pre-formatted text."""
    style = f"Style: {style_hint.strip()}. " if style_hint.strip() else ""
    system = RESPONSE_SYSTEM.format(relationship=relationship_with_user.strip() or "friend", style=style)
    sections = [
        ("USER PROFILE", user_profile),
        ("FACTS ABOUT THE USER", user_knowledge),
        ("WHAT YOU (THE ASSISTANT) SAID OR PROMISED BEFORE", assistant_knowledge),
        ("RELEVANT PAST EXCHANGES", retrieved_pages),
        ("RECENT CONVERSATION", recent_history),
    ]
    body = "\n\n".join(f"{title}:\n{text.strip() or '(none)'}" for title, text in sections)
    return system, f"{body}\n\nTHE USER NOW SAYS:\n{query.strip()}"


def model_updates(pages: list[PageText]) -> tuple[str, str]:
    """The structured extraction behind the user model: the same updates the offline rules give."""
    numbered = "\n\n".join(f"[{n}] {format_page(page)}" for n, page in enumerate(pages, start=1))
    user = (
        "Read the numbered exchanges below and list what they say about the USER's life now, as updates "
        "to a user model. Each update is an object with: exchange (its number), subject ('user', "
        "'assistant' for its own promises, or a person or pet by name, else by role such as 'brother'), "
        "attribute (one of name, surname, home, employer, job, diet, allergy, condition, exercise, course, "
        "car, uses, role, age, plan, commitment, or 'favourite:<category>'), value (short, in the chat's "
        "words, names capitalised), change ('set' for a new current value, 'add' for one more value, "
        "'end' when the user stopped or no longer has it, 'correct' for a correction), when (YYYY-MM-DD for "
        "plans, appointments and the assistant's commitments, resolved from the exchange's timestamp; "
        "else null) and old (the value a correction or change replaces, else null). A person's relation "
        "to the user is attribute 'role' ('sister'). The assistant's promises ('I'll remind you on ...') "
        "are subject 'assistant', attribute 'commitment', change 'add'; a reply that keeps one is change "
        "'end' with the promise as value. Leave out small talk, questions and requests. If there is "
        "nothing, give an empty list.\n\n"
        f"EXCHANGES:\n{numbered}\n\n"
        'Reply with exactly {"updates": [{"exchange": 1, "subject": "user", "attribute": "home", '
        '"value": "Porto", "change": "set", "when": null, "old": null}]}.'
    )
    return SYSTEM, user
