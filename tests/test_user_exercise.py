"""The exercise the user does, said by the club they joined, by a friend who talked them into it, by how often it
is done with its subject dropped, or by a first outing with a club; then the card through the engine, where a
club's sport is done with the club and a sport taken up answers what the user's hobby is these days."""

from __future__ import annotations

from tests.support import open_memory
from tests.test_user_model import card
from tests.test_user_slots import card_of, said


def _exercise(text: str) -> set[tuple[str, str]]:
    return {(v, d) for s, a, v, d in said(text) if s == "user" and a == "exercise"}


def test_a_club_joined_says_its_sport_and_is_where_it_is_done():
    assert _exercise("I've joined Kings Heath Running Club. Tuesday evenings at 6:30, from the library steps") == {
        ("running", "Kings Heath Running Club")}
    assert _exercise("Went to the bowls. Didn't disgrace myself. Joined Aireville Park Bowling Club for the season.") \
        == {("bowls", "Aireville Park Bowling Club")}
    found = said("I have joined a cycling club, if you can believe it, the Wreake Valley Wheelers. They ride Sundays.")
    assert ("user", "club", "Wreake Valley Wheelers", "") in found
    assert _exercise("I have joined a cycling club, if you can believe it, the Wreake Valley Wheelers.") == {
        ("cycling", "Wreake Valley Wheelers")}
    for text in ("I'm a member of the Seacliff Bowls club.", "My son joined the Kings Heath Running Club.",
                 "Joined the Leeds Book Club, first read is Middlemarch.",
                 "I'm a member of Sileby Bowling Club. My wife joined the choir.",
                 "I joined Kings Heath Running Club years ago but stopped going.",
                 "I nearly joined Kings Heath Running Club but didn't.",
                 "I was a member of a bowls club, the Sileby Bowling Club, for years."):
        assert not _exercise(text), text


def test_a_sport_talked_into_done_often_or_first_done_with_a_club_is_the_exercise():
    assert _exercise("Barbara from church has talked me into pickleball. There's a beginners' group on Mondays.") == {
        ("pickleball", "")}
    assert _exercise("I've told Bernie I'm giving up Zumba. Running three mornings a week is all my knees can take.") \
        == {("running", "")}
    assert _exercise("I went on my first walk with the walking club this morning, along the Jager Walk.") == {
        ("walking", "the walking club")}
    for text in ("She tried to talk me into golf. No chance.", "Running three times a week would be nice.",
                 "He talked me into tennis next week, we'll see.", "My first walk with the dog was lovely.",
                 "Mum's first walk with the walking club was today.",
                 "My neighbours talked me into running for the parish council.",
                 "My son talked me into boxing up his old room.", "Nobody has ever talked me into running.",
                 "She convinced me to try golf, I hated it.", "Football twice a week is what my son does.",
                 "Running three times a week is what the NHS recommends.",
                 "Tomorrow is my first run with the running club.", "I missed my first walk with the walking club."):
        assert not _exercise(text), text


def test_the_card_shows_a_club_s_sport_done_with_it_and_a_club_only_belonged_to_as_a_membership(tmp_path,
                                                                                                 local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I'm a member of the Seacliff Bowls club. Lovely bunch.", "Sounds fun."),
        ("I have joined a cycling club, if you can believe it, the Wreake Valley Wheelers.", "Good for you!")])
    assert "cycling with Wreake Valley Wheelers; member of Seacliff Bowls club." in card, card
    assert "before: bowls" not in card, card


def test_a_sport_taken_up_with_a_club_answers_what_the_hobby_is_these_days(tmp_path, local_embedder):
    memory = open_memory(tmp_path, embedder=local_embedder)
    memory.add_memory("I've got the allotment going again, broad beans in.", "Lovely.", timestamp="2027-03-01 09:00:00")
    memory.add_memory("Went to the bowls. Didn't disgrace myself. Joined Aireville Park Bowling Club for the season.",
                      "Well done!", timestamp="2027-06-19 09:00:00")
    memory.flush()
    facts = [f.knowledge for f in memory.retrieve("What do I do with myself for a hobby these days?",
                                                  reference_time="2027-07-01 09:00:00").retrieved_user_knowledge]
    assert "User's exercise now: bowls with Aireville Park Bowling Club" in facts[:3], facts


def test_a_club_joined_adds_its_sport_beside_the_one_known_and_a_hobby_is_still_a_hobby(tmp_path, local_embedder):
    memory = open_memory(tmp_path, embedder=local_embedder)
    for day, (user, reply) in enumerate([
            ("I knit every evening, it's my hobby. Just finished a jumper.", "Lovely."),
            ("I swim every morning before work.", "Great habit."),
            ("I've joined Kings Heath Running Club. Tuesday evenings.", "Brilliant!")], start=1):
        memory.add_memory(user, reply, timestamp=f"2027-04-{day:02d} 09:00:00")
    memory.flush()
    facts = [f.knowledge for f in memory.retrieve("What's my hobby these days?",
                                                  reference_time="2027-05-01 09:00:00").retrieved_user_knowledge]
    assert "User's hobby: knitting" in facts[:3] and "User's exercise now: swimming" in facts[:3], facts
    assert "before: swimming" not in card(memory), card(memory)
