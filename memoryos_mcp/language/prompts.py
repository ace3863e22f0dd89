"""Every prompt the LLM layer sends, in one place, each asking for one precise JSON shape.

A task's prompt states its answer's shape before the data (a small model reads the shape first, then
what to fill it with), carries the JSON schema for endpoints that enforce one, bounds the answer's length
and its wait, and keeps its instructions apart from its quoted data: an answer that copies the
instructions, or names what no quoted text supports, is refused (validation.py). Page texts are cut to a
bound so one huge page cannot blow the model's context; the stored page itself is never shortened.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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


@dataclass(frozen=True)
class Prompt:
    """One request of a task: `instructions` and `data` make up `user`; an answer may take its values from
    `data` only. `max_tokens` and `timeout_share` (of `llm_timeout`) bound the answer; `schema` is the JSON
    schema of the answer (None: free text)."""

    task: str
    system: str
    instructions: str
    data: str
    shape: str
    schema: dict[str, Any] | None
    max_tokens: int
    timeout_share: float = 1.0
    #: Words an answer may use besides the data's (the profile's section names).
    vocabulary: str = ""

    @property
    def user(self) -> str:
        """The shape first, then the data, then the shape once more (small models forget it)."""
        if self.schema is None:
            return f"{self.instructions}\n\n{self.data}"
        return (f"{self.instructions}\n\nAnswer with one JSON object of this shape: {self.shape}\n\n{self.data}\n\n"
                f"Answer now with the JSON object only.")


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": list(properties), "additionalProperties": False}


_STRING_LIST = {"type": "array", "items": {"type": "string"}}
CONTINUITY_SCHEMA = _object({"continues": {"type": "boolean"}})
SUMMARY_SCHEMA = _object({"summary": {"type": "string"}})
THEMES_SCHEMA = _object({"themes": {"type": "array", "minItems": 1, "maxItems": 2,
                                    "items": _object({"summary": {"type": "string"}, "keywords": _STRING_LIST})}})
PROFILE_SCHEMA = _object({"profile": {"type": "string"}})
FACTS_SCHEMA = _object({"facts": _STRING_LIST})
_NULLABLE = {"type": ["string", "null"]}
UPDATES_SCHEMA = _object({"updates": {"type": "array", "items": _object({
    "exchange": {"type": "integer"}, "subject": {"type": "string"}, "attribute": {"type": "string"},
    "value": {"type": "string"}, "change": {"enum": ["set", "add", "end", "correct"]}, "when": _NULLABLE,
    "old": _NULLABLE})}})


def continuation(previous: PageText, current: PageText) -> Prompt:
    instructions = (
        "Two consecutive exchanges of a conversation follow. Decide whether the SECOND one carries "
        "on the conversation of the FIRST (same subject, a follow-up question, an answer to it, or a "
        "reference back to it) rather than opening an unrelated subject."
    )
    data = f"FIRST:\n{format_page(previous)}\n\nSECOND:\n{format_page(current)}"
    return Prompt("continuity", SYSTEM, instructions, data, '{"continues": true} or {"continues": false}',
                  CONTINUITY_SCHEMA, max_tokens=200, timeout_share=0.5)


def chain_meta(previous_meta: str, page: PageText) -> Prompt:
    earlier = previous_meta.strip() or "(none yet: this is the first exchange)"
    instructions = (
        "Keep a running summary of one conversation. Below are the summary so far and the newest "
        "exchange. Write the updated summary of the whole conversation in at most 80 words: the "
        "subjects discussed, what the user said about themselves, decisions, names, places and dates. "
        "Keep earlier points that still matter; drop small talk."
    )
    data = f"SUMMARY SO FAR:\n{_cut(earlier)}\n\nNEWEST EXCHANGE:\n{format_page(page)}"
    return Prompt("summary", SYSTEM, instructions, data, '{"summary": "<updated summary>"}', SUMMARY_SCHEMA,
                  max_tokens=300, timeout_share=0.75)


def themes(pages: list[PageText]) -> Prompt:
    instructions = (
        "Find the main topics of the exchanges below: one topic, or two if they clearly cover two "
        "different subjects. For each topic give a summary of one or two sentences (at most 40 "
        "words) naming the concrete people, things and events, and up to 8 keywords (lowercase "
        "single words or short names) that someone searching for it would use."
    )
    return Prompt("themes", SYSTEM, instructions, f"EXCHANGES:\n{format_pages(pages)}",
                  '{"themes": [{"summary": "<summary>", "keywords": ["<kw>", "..."]}]}', THEMES_SCHEMA,
                  max_tokens=400, timeout_share=0.75)


def profile(old_profile: str, pages: list[PageText], facts: list[str]) -> Prompt:
    current = old_profile.strip() or "(empty: nothing is known yet)"
    known = "\n".join(f"- {fact}" for fact in facts) or "(none yet)"
    instructions = (
        "Rewrite the user's profile card below from the facts and exchanges that follow, keeping its "
        "sections and their order: 'Who they are' (name, home, work), 'People and pets', 'Health and "
        "diet', 'Activities and favourites', 'Coming up' (with dates), 'Open commitments' (the "
        "assistant's, with dates), 'Recent changes' ('since <date>; before: <old value>'). Current "
        "values only, each in the section its kind belongs to; no trivia, no keyword lists, no guesses, "
        "at most 1,500 characters. Keep what still holds, correct what the facts and new exchanges "
        "contradict. If nothing substantive is known, use an empty string."
    )
    data = (f"CURRENT CARD:\n{_cut(current)}\n\nKNOWN FACTS:\n{_cut(known)}\n\n"
            f"NEW EXCHANGES:\n{format_pages(pages)}")
    return Prompt("profile", SYSTEM, instructions, data, '{"profile": "<the whole updated profile>"}',
                  PROFILE_SCHEMA, max_tokens=800, vocabulary=PROFILE_SECTIONS)


PROFILE_SECTIONS = ("Who they are. People and pets. Health and diet. Activities and favourites. Coming up. "
                    "Open commitments. Recent changes, since, before.")


def user_facts(pages: list[PageText]) -> Prompt:
    instructions = (
        "List the facts about the USER that the exchanges below state or clearly imply: identity, "
        "relationships, possessions, pets, work, places, events, plans, preferences and habits. "
        "Each fact is one short self-contained statement in the third person starting with 'User' "
        "(for example 'User adopted a dog named Max in May 2023'). When a fact is an event, give its "
        "date, turning relative dates ('yesterday', 'last week') into dates using the exchange's "
        "timestamp. Leave out greetings, questions, opinions about the assistant and anything "
        "uncertain. If there are no such facts, give an empty list."
    )
    return Prompt("user facts", SYSTEM, instructions, f"EXCHANGES:\n{format_pages(pages)}",
                  '{"facts": ["<fact>", "..."]}', FACTS_SCHEMA, max_tokens=600)


def assistant_facts(pages: list[PageText]) -> Prompt:
    instructions = (
        "List what the ASSISTANT did in the exchanges below that it should remember later: what it "
        "said about itself, recommended, suggested, promised or agreed to do, and concrete "
        "information it gave. Each item is one short self-contained statement in the third person "
        "starting with 'Assistant' (for example 'Assistant recommended the novel Dune to the user on "
        "2023-05-08'). Include the date when it matters. Leave out greetings and generic "
        "pleasantries, and anything inside text the assistant drafted for the user (a letter, an email, "
        "a post, a CV line: there 'I' is the user). If there is nothing, give an empty list."
    )
    return Prompt("assistant facts", SYSTEM, instructions, f"EXCHANGES:\n{format_pages(pages)}",
                  '{"facts": ["<fact>", "..."]}', FACTS_SCHEMA, max_tokens=600)


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


def model_updates(pages: list[PageText]) -> Prompt:
    """The structured extraction behind the user model: the same updates the offline rules give."""
    numbered = "\n\n".join(f"[{n}] {format_page(page)}" for n, page in enumerate(pages, start=1))
    instructions = (
        "Read the numbered exchanges below and list what they say about the USER's life now, as updates "
        "to a user model. Each update is an object with: exchange (its number), subject ('user', "
        "'assistant' for its own promises, or a person or pet by name, else by role such as 'brother'), "
        f"attribute (one of {', '.join(UPDATE_ATTRIBUTES)}, or 'favourite:<category>'), value (short, in the "
        "chat's words, names capitalised), change ('set' for a new current value, 'add' for one more value, "
        "'end' when the user stopped or no longer has it, 'correct' for a correction), when (YYYY-MM-DD for "
        "plans, appointments and the assistant's commitments, resolved from the exchange's timestamp; "
        "else null) and old (the value a correction or change replaces, else null). A person's relation "
        "to the user is attribute 'role' ('sister'); the full name of one who goes by a shorter one is "
        "'fullname' (subject 'Ju', value 'Juliana'). The assistant's promises ('I'll remind you on ...') "
        "are subject 'assistant', attribute 'commitment', change 'add'; a reply that keeps one is change "
        "'end' with the promise as value. Leave out small talk, questions and requests. If there is "
        "nothing, give an empty list."
    )
    shape = ('{"updates": [{"exchange": 1, "subject": "user", "attribute": "home", "value": "Porto", '
             '"change": "set", "when": null, "old": null}]}')
    return Prompt("user model", SYSTEM, instructions, f"EXCHANGES:\n{numbered}", shape, UPDATES_SCHEMA,
                  max_tokens=1000)


#: The attributes a model's update may name (besides 'favourite:<category>').
UPDATE_ATTRIBUTES = ("name", "surname", "home", "employer", "job", "diet", "allergy", "condition", "exercise",
                     "course", "car", "uses", "role", "fullname", "age", "plan", "commitment")


def chat(system: str, user: str) -> Prompt:
    """A free-form answer (`Memoryos.get_response`): no shape, a bounded length."""
    return Prompt("chat", system, user, "", "", None, max_tokens=1024)
