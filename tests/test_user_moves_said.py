"""A move of the user's said in passing: "Galway is officially home now", "been in Porto six weeks now", "boxes
finally unpacked in Sligo", "we closed on the bungalow in Tuam". A holiday, a wish, a plan or someone else's house
is no home."""

from __future__ import annotations

from tests.test_user_slots import said


def _homes(text: str, reply: str = "") -> set[str]:
    return {value for subject, attribute, value, _ in said(text, reply) if subject == "user" and attribute == "home"}


def test_a_move_said_in_passing_is_the_new_home_and_a_trip_or_a_plan_none():
    assert _homes("Galway is officially home now, the lease is signed") == {"Galway"}
    assert _homes("been in Porto six weeks now and the hills are killing me") == {"Porto"}
    assert _homes("boxes finally unpacked in Sligo, the view is unreal") == {"Sligo"}
    assert _homes("we closed on the bungalow in Tuam on Monday") == {"Tuam"}
    # a trip, a wish, a plan or someone else's
    assert not _homes("been in Porto four days now on holiday")
    assert not _homes("Leeds will never be home")
    assert not _homes("my brother closed on his flat in Hull")
    assert not _homes("we're closing on a house in Hull next month")
    assert not _homes("my sister's boxes are in Derby now")
