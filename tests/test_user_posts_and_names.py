"""A post held "in charge" is the job, and someone in the user's life named plainly after their role ("My wife is
Niamh") is named, not given their name as a job."""

from __future__ import annotations

from tests.test_user_slots import said


def test_a_post_in_charge_is_the_whole_job():
    assert ("user", "job", "pharmacist in charge", "") in said(
        "GOT IT!!!!! pharmacist in charge at anderson st. start monday 5 april, right after easter")
    assert ("user", "job", "engineer in charge", "") in said("I'm now the engineer in charge at Halden Energy.")
    assert ("user", "job", "pharmacist", "") in said("I'm a pharmacist in charge of the dispensary.")


def test_a_relative_named_after_their_role_is_named_and_their_name_is_no_job():
    assert ("Niamh", "role", "wife", "") in said("My wife is Niamh.")
    assert ("Jess", "role", "sister", "") in said("My sister is Jess, by the way.")
    found = said("My brother is Dev. He's an accountant.")
    assert ("Dev", "role", "brother", "") in found and ("Dev", "job", "accountant", "") in found, found
    assert not any(a == "job" and v == "dev" for _s, a, v, _d in found), found
    for text in ("My mum is Kalenjin.", "My dad is Catholic.", "My wife is Irish.", "My son is Autistic.",
                 "My husband is Tom Hardy's biggest fan.", "My wife is Lucy's godmother.",
                 "My wife isn't Niamh, that's my sister.", "My son is Joseph in the nativity.",
                 "My brother is Elvis at weddings.", "My husband is Tom Hanks' double.", "My father-in-law is Ken.",
                 "My husband is Sergeant Collins.", "My grandson is Spider-Man for Halloween.",
                 "My dad is Labour through and through."):
        assert not any(a == "role" for _s, a, _v, _d in said(text)), text

