"""The user's own slots in any voice: a job said beside its employer, where the employer and an activity are,
a home said in lower case, and a correction that names only the old value; then the card through the engine."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.records import Value
from memoryos_mcp.usermodel.apply import apply
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase
from tests.support import open_memory


def said(text: str, reply: str = "") -> set[tuple[str, str, str, str]]:
    """(subject, attribute, value, detail) of what one message says, as the learner reads it."""
    text_ = recase(text, [reply])
    return {(u.subject, u.attribute, u.value, u.detail)
            for u in page_updates(parse([text_])[0], "", "2027-03-01 10:00:00", caseless(text), reply=reply)}


def test_a_job_said_beside_the_employer_is_the_job():
    assert ("user", "job", "pharmacy tech", "") in said("ok cool. i work at HEB, pharmacy tech. shifts r all over")
    assert ("user", "job", "store manager", "") in said("I work at Lidl, store manager.")
    found = said("I am working at Siemens, software developer, since 2019.")
    assert {("user", "employer", "Siemens", ""), ("user", "job", "software developer", "")} <= found


def test_where_the_employer_is_comes_with_it():
    assert ("user", "employer", "Tessela", "Lisbon") in said(
        "I'm Sam, backend engineer at Tessela, a fintech startup in Lisbon.")
    assert ("user", "employer", "LMU", "Martinsried") in said(
        "Prof. Brandl just emailed: postdoc at LMU, based at the Biocenter in Martinsried, starting 1 June.")
    assert ("user", "employer", "Kenya Power", "Nairobi") in said(
        "I work at Kenya Power, a utility company in Nairobi, as a logistics manager.")
    assert ("user", "employer", "Porsche", "") in said("First day at Porsche finished. Very big building.")


def test_an_activity_keeps_the_place_it_is_done_at():
    assert ("user", "exercise", "aqua aerobics", "Leisureland") in said(
        "I've signed up for aqua aerobics at Leisureland in Salthill, Mondays and Fridays at half eleven.")
    assert ("user", "exercise", "swimming", "Stadtbad Heslach") in said(
        "I stop badminton, elbow is too bad. Now I go swimming at Stadtbad Heslach two times in week.")
    assert ("user", "exercise", "boxing", "Rocky's Gym") in said("started boxing at Rocky's Gym on tuesdays")
    assert ("user", "exercise", "boxing", "") in said("started boxing at a gym on 19th st")


def test_a_home_said_in_lower_case_after_our_flat_is_a_home():
    assert ("user", "home", "Arroios", "") in said("coffee from the roaster, 2 min from our flat in arroios. best")
    assert ("user", "home", "Didsbury", "") in said("our house in didsbury is freezing")
    assert not {u for u in said("our flat in town is tiny") if u[1] == "home"}
    assert not {u for u in said("our flat in the centre is tiny") if u[1] == "home"}


def _values(*rows: tuple[str, str, str]) -> list[Value]:
    return [Value(n, subject, attribute, value, "", None, "2026-09-01", None, "current")
            for n, (subject, attribute, value) in enumerate(rows, start=1)]


def test_a_correction_naming_only_the_values_corrects_whoever_holds_the_old_one():
    for text, subject, new in (
            ("I said Róisín was seven. Sinéad was mortified: actually she's eight, not seven.", "Róisín", "eight"),
            ("sorry, he's 9, not 8", "Bao", "9"),
            ("no wait, it's Leith, not Portobello", "brother", "Leith")):
        current = _values(("Sinéad", "role", "daughter"), ("Róisín", "age", "seven"), ("Bao", "age", "8"),
                          ("brother", "home", "Portobello"))
        updates = page_updates(parse([text])[0], "", "2026-11-02 10:00:00", caseless(text), last_person=["Sinéad:f"])
        changes = apply(current, updates, "2026-11-02")
        assert [(v.subject, v.value) for v in changes.added] == [(subject, new)], text
        assert len(changes.closed) == 1, text


def test_an_old_value_two_people_hold_is_left_alone():
    current = _values(("Esme", "age", "seven"), ("Moss", "age", "seven"))
    text = "actually she's eight, not seven"
    changes = apply(current, page_updates(parse([text])[0], "", "2026-11-02 10:00:00", False), "2026-11-02")
    assert not changes.added and not changes.closed


CHAT = [
    ("hey. dani here", "Hey Dani!"),
    ("ok cool. i work at HEB, pharmacy tech. shifts r all over the place", "Pharmacy tech, got it."),
    ("Sinéad is bringing the grandchildren. Róisín is seven and Cian is four.", "Lovely!"),
    ("I said Róisín was seven. Sinéad was mortified: actually she's eight, not seven.", "Róisín is eight, noted."),
    ("I've signed up for aqua aerobics at Leisureland, Mondays and Fridays.", "Ideal for a new hip."),
    ("coffee in bed from the roaster, 2 min from our flat in arroios", "That's love."),
]


def test_the_card_shows_the_job_the_place_of_an_activity_the_home_and_the_corrected_age(tmp_path, local_embedder):
    memory = open_memory(tmp_path, embedder=local_embedder)
    for day, (user, assistant) in enumerate(CHAT, start=1):
        memory.add_memory(user, assistant, timestamp=f"2026-11-{day:02d} 09:00:00")
    memory.flush()
    card = memory.get_user_profile(include_knowledge=False).user_profile
    assert card.startswith("Who they are: Dani; lives in Arroios; works as pharmacy tech at HEB."), card
    assert "aqua aerobics at Leisureland" in card, card
    assert "Róisín: age eight" in card and "seven" not in card, card
