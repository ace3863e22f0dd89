"""Changes said the way people say them in passing: a child's age by role and its birthday ("my daughter is 9" ...
"she turned 10 on sunday", the twins "are 4" ... "they're 5 now"), a relative's move or retirement ("he's settled
in Cork now", "flying out to Perth for good", "she finally retired"), and a name taken on ("call me jimmy, nobody
calls me james", "Maria it is"). A measure, a birthday to come, a trip or a choice agreed to is none."""

from __future__ import annotations

from benchmarks.changes import stale_lines
from tests.support import open_memory
from tests.test_user_slots import said


def _card(tmp_path, embedder, pages: list[tuple[str, str]]) -> str:
    memory = open_memory(tmp_path, embedder=embedder)
    for day, (user, assistant) in enumerate(pages, start=1):
        memory.add_memory(user, assistant, timestamp=f"2027-05-{day:02d} 20:00:00")
    memory.flush()
    return memory.get_user_profile(include_knowledge=False).user_profile


def test_a_childs_age_by_role_is_held_and_a_birthday_moves_it_on(tmp_path, local_embedder):
    card = _card(tmp_path, local_embedder, [
        ("my daughter is 9 and has decided she hates socks", "A phase, probably."),
        ("any ideas for a rainy afternoon indoors?", "A blanket fort and a film."),
        ("she turned 10 on sunday, we did bowling", "Happy birthday to her!"),
    ])
    assert "Daughter: age 10" in card, card
    assert not stale_lines(card, ("9",)), card


def test_the_twins_age_goes_on_with_they(tmp_path, local_embedder):
    card = _card(tmp_path, local_embedder, [
        ("the twins are 4 and wrestle from dawn till dusk", "Plenty of energy!"),
        ("update: they're 5 now, can you believe, reception starts in september", "Big milestone."),
    ])
    assert "Twins: age 5" in card, card


def test_no_age_from_a_measure_a_day_to_come_or_things():
    ages = lambda text: {u for u in said(text) if u[1] == "age"}  # noqa: E731
    assert ("son", "age", "7", "") in said("my son is 7 and mad about trains")
    assert not ages("my sister is 2 years older than me")
    assert not ages("my son is 7 on Friday, party at ours")
    assert not ages("they're 3 for a fiver at the market")


def test_a_relatives_move_or_retirement_said_in_other_words(tmp_path, local_embedder):
    card = _card(tmp_path, local_embedder, [
        ("My cousin Aoife lives in Limerick and runs a bakery.", "Lovely."),
        ("Aoife is flying out to Perth next week for good, the visa came through.", "Big move for her!"),
        ("my uncle Dermot lives in Sligo", "Nice part of the world."),
        ("he's settled in Cork now, sold the Sligo place", "A new chapter."),
        ("my mum is a bus driver", "Long shifts."),
        ("she finally retired last week!", "Congratulations to her."),
    ])
    assert "Aoife (cousin): lives in Perth" in card, card
    assert "Dermot (uncle): lives in Cork" in card, card
    assert "Mum: retired" in card, card
    assert not stale_lines(card, ("Limerick", "bus driver")), card
    assert not {u for u in said("my cousin Aoife is flying out to Perth next week for the wedding") if u[1] == "home"}
    assert ("Tom", "job", "retired", "") not in said(
        "My husband Tom was a baker for years and since he retired he plays bowls.")


def test_a_name_taken_on_replaces_the_old_one(tmp_path, local_embedder):
    card = _card(tmp_path, local_embedder, [
        ("hi, I'm James", "Hi James!"),
        ("just call me jimmy, nobody calls me james", "Jimmy it is!"),
    ])
    assert "Jimmy" in card and not stale_lines(card, ("James",)), card
    card = _card(tmp_path / "b", local_embedder, [
        ("Hello, I'm Maria Byrne, I teach piano.", "Nice to meet you, Maria."),
        ("It's Maria Quinn now since the wedding, please use the new name on the flyers.",
         "Congratulations! Here's the flyer: 'Piano lessons with Maria Quinn'."),
    ])
    assert "Maria Quinn" in card, card


def test_a_choice_agreed_to_that_is_no_name():
    assert not {u for u in said("let's go with Paris for the weekend then", "Paris it is!") if u[1] == "name"}
    assert ("user", "name", "Oisin", "") in said("Please, from now on it is simply Oisin, not Osh.", "Oisin it is.")


def test_a_relatives_new_employer_or_volunteering_said_after_what_they_left(tmp_path, local_embedder):
    card = _card(tmp_path, local_embedder, [
        ("My son Kofi works at a garage in Kumasi.", "Good trade."),
        ("Kofi has quit the garage and joined a logistics company, Trantex. The hours are kinder.", "Good for him."),
        ("Dad sold the taxi in March and now volunteers at the hospice shop on Tuesdays.", "Lovely."),
    ])
    assert "Kofi (son): works at Trantex" in card, card
    assert "Dad: volunteers at hospice shop" in card, card
    assert not {u for u in said("my sister joined a running club, Striders, last year") if u[1] == "employer"}
    assert not {u for u in said("Dad's in Nelson Hospital, they're keeping him overnight.") if u[1] == "home"}
