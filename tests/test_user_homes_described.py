"""A home said as part of who the user is, not with "I live in": "Home is Dundee these days", "Dundee's been home
for a decade", "as someone living in Accra", "I'm Dundee based", "moving to Dundee was the best thing we did".
Someone else's home, a wish or a move still to come is no home of the user's."""

from __future__ import annotations

from tests.test_user_slots import said


def _homes(text: str, reply: str = "") -> set[str]:
    return {value for subject, attribute, value, _ in said(text, reply) if subject == "user" and attribute == "home"}


def test_home_named_after_home_is_or_home_for_years():
    assert _homes("Home is Dundee these days, after a long stint down south.") == {"Dundee"}
    assert _homes("Grew up in Fife but Dundee's been home for twelve years.") == {"Dundee"}
    assert not _homes("Her home is Dundee, mine is not.")
    assert not _homes("Home is wherever the dog is.")


def test_a_home_said_as_who_the_user_is_even_inside_a_request():
    assert _homes("As someone living in Accra, which solar lamp would you pick?") == {"Accra"}
    assert _homes("I'm Dundee based, any running clubs you'd suggest?") == {"Dundee"}
    assert _homes("We're a Dundee-based couple with two cats.") == {"Dundee"}
    assert not _homes("I know someone living in Accra who sells them.")
    assert not _homes("She's Dundee based and loves it.")


def test_a_move_looked_back_on_is_the_home_and_anothers_is_not():
    assert _homes("Moving to Dundee was the best thing we ever did.") == {"Dundee"}
    assert not _homes("Moving to Dundee was hard on my mum.")
    assert not _homes("Moving to Dundee would be a big step.")
