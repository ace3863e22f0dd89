"""The dose of a drug the user takes, said with it ("losartan, 50mg once a day", "upped the amlodipine to 10mg",
"bumped me up to 20 mg of lisinopril"): kept beside the drug on the card, a new dose in place of the old. Seven read
chats (session 32) named a dose the card never showed."""

from __future__ import annotations

from tests.test_user_model import section
from tests.test_user_slots import card_of, said


def test_a_dose_said_with_the_drug_is_kept_with_it():
    assert ("user", "medication", "amlodipine", "5mg") in said("put me on tablets, amlodipine 5mg. im only 45")
    assert ("user", "medication", "losartan", "50mg") in said(
        "She thinks the ankle swelling is from the amlodipine, so she's switched me to losartan, 50mg once a day")
    assert ("user", "medication", "levothyroxine", "75 mcg, Dr Nguyen") in said(
        "Dr. Nguyen called. TSH is high, so she's upping my levothyroxine from 50 to 75 mcg!!")
    assert ("user", "medication", "lisinopril", "20 mg") in said("she bumped me up to 20 mg of lisinopril.")
    assert ("user", "medication", "ramipril", "2.5mg, Dr Rao") in said("Dr Rao put me on ramipril 2.5mg")
    for not_mine in ("Papa's on 10 mg of amlodipine and I worry", "I was on 20 mg of lisinopril before",
                     "The leaflet says 500 mg of metformin twice daily for most people",
                     "my dad takes 10 mg of amlodipine"):
        assert not {u for u in said(not_mine) if u[1] == "medication"}, not_mine


def test_a_new_dose_replaces_the_old_on_the_card(tmp_path, local_embedder):
    chat = [("Dr Okafor put me on lisinopril 10 mg.", "Noted."),
            ("bp was 138 over 88. she bumped me up to 20 mg of lisinopril.", "Progress."),
            ("the lisinopril makes me cough a bit", "Mention it to her.")]
    card = card_of(tmp_path, local_embedder, chat, month="2027-03")
    health = next(line for line in card.splitlines() if line.startswith("Health"))
    assert "takes lisinopril (20 mg" in health and "10 mg" not in health, card
    changes = section(card, "Recent changes")
    assert "Takes: lisinopril 20 mg since" in changes and "before: lisinopril 10 mg" in changes, card


def test_a_new_dose_of_no_drug_named_is_of_the_one_taken_at_a_dose(tmp_path, local_embedder):
    chat = [("i have hypothyroidism since 2022, on thyronorm 50 mcg daily.", "Noted."),
            ("met dr lakshmi. TSH is 6.8. she increased dose to 75 mcg, said stress of moving can do this.", "OK.")]
    card = card_of(tmp_path, local_embedder, chat, month="2027-03")
    assert "takes thyronorm (75 mcg)" in card and "before: thyronorm 50 mcg" in card, card
    assert not {u for u in said("Mum's GP increased her dose to 10mg") if u[1] == "medication"}
    chat = [("I take metformin 500 mg and ramipril 5mg.", "Noted."), ("she increased dose to 10mg", "OK.")]
    card = card_of(tmp_path / "two", local_embedder, chat, month="2027-03")  # which one is not said: neither changes
    assert "metformin (500 mg)" in card and "ramipril (5mg)" in card, card


def test_a_dose_not_taken_now_or_not_the_users_is_no_dose_of_theirs():
    for not_now in ("my mum takes metformin 1000mg", "back in 2019 I was on amlodipine 10mg",
                    "if they put me on amlodipine 10mg I'll be so dizzy",
                    "the pharmacist said amlodipine 10mg is the usual max dose",
                    "the GP wants me on amlodipine 10mg from next month", "lisinopril 10mg made me cough, 20 is worse",
                    "I increased my dose to 20mg of melatonin", "doctor increased the dose to 75 mcg for my mum",
                    "I'm not on 20 mg of lisinopril anymore, back to 10"):
        assert not {u for u in said(not_now) if u[1] == "medication" and u[3]}, not_now
    for theirs in ("my mum takes metformin 1000mg", "my husband is on amlodipine and it makes him dizzy"):
        assert not {u for u in said(theirs) if u[1] == "medication"}, theirs
    assert ("user", "medication", "lisinopril", "10 mg, Dr Okafor") in said(
        "Dr Okafor put me on lisinopril 10 mg and said if I don't quit smoking she's gonna haunt me")


def test_the_same_dose_written_apart_is_no_change_and_a_dose_inside_another_is(tmp_path, local_embedder):
    chat = [("I take amlodipine 5mg every morning.", "Noted."), ("I take amlodipine 5 mg, forgot it today", "OK."),
            ("I'm on amlodipine 2.5mg now, she lowered it.", "OK."), ("upped the amlodipine to 5mg again", "OK.")]
    card = card_of(tmp_path, local_embedder, chat, month="2027-03")
    assert "Takes: amlodipine 5mg since" in card and "before: amlodipine 2.5mg" in card, card
    assert "amlodipine 5 mg" not in card, card  # "5 mg" after "5mg" changed nothing
