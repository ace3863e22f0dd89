"""Changes said in everyday idiom: a diet taken up with "go fully vegan", "so keto now", "we just do the 5:2
fasting now"; an activity taken up in place of another, its subject dropped ("doing yoga now", "so it's rowing
before work now"); a favourite said to be one "now", which is no kind of favourite; an activity the user is "done
with"; a membership cancelled at the opening of a sentence whose subject is something else ("Cancelled the gym, my
knees couldn't take it"). Someone else's, or a while ("once I'm done with the essay"), is no change of the user's."""

from __future__ import annotations

from benchmarks.changes import stale_lines
from tests.test_user_partings import _cards
from tests.test_user_slots import said


def test_a_diet_taken_up_in_passing_is_the_users_diet():
    assert ("user", "diet", "vegan", "") in said("Big decision: I decided to go fully vegan, no dairy at all.")
    assert ("user", "diet", "keto", "") in said("bread made me feel awful so keto now, day three")
    assert ("user", "diet", "5:2 fasting", "") in said("We just do the 5:2 fasting now, it suits our shifts.")
    assert not any(u[1] == "diet" for u in said("My lodger is vegan now, so the fridge is all oat milk."))


def test_an_activity_taken_up_instead_with_the_subject_dropped_is_the_users():
    assert ("user", "exercise", "yoga", "") in said("packed in the boxing, doing yoga now, twice a week")
    assert ("user", "exercise", "rowing", "") in said("So it's rowing on the canal before work now, freezing.")
    assert not any(u[1] == "exercise" for u in said("My son is doing football now on Saturdays."))


def test_a_favourite_now_is_a_favourite_of_no_kind_not_of_the_kind_now():
    assert not any(u[1] == "favourite:now" for u in said("Lagavulin is my favourite now."))
    found = said("My uncle sent a bottle of Bushmills and honestly it's my favourite now, the gin phase is over.")
    assert not any(u[1] == "favourite:now" for u in found), found


def test_done_with_a_thing_ends_it_but_not_a_while_or_someone_elses():
    assert ("user", "", "netball", "") in {(u[0], u[1], u[2], u[3]) for u in said("honestly im done with netball")}
    assert not any(u[1] == "" for u in said("Once I'm done with the essay I'll ring you."))
    assert not any(u[1] == "" for u in said("Jo is done with school for the summer."))


def test_a_membership_cancelled_at_the_start_of_the_sentence_ends_the_activity(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("I do kickboxing at the Forge three nights a week.", "Great for fitness."),
    ], [
        ("Cancelled the kickboxing membership, my wrists couldn't take any more of it.", "Fair enough."),
    ])
    assert "kickboxing" in before, before
    assert not stale_lines(after, ("kickboxing",)), after
