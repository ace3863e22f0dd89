"""A value the user says was wrong, named by "not X", "I told you X, but" or "you keep saying X", comes off the card:
the value that held it (replaced by what was said in its place) and the statements that name it; "my actual
supervisor is ..." says who holds a role one person holds. Requests that say "sorry ... not X" retract nothing."""

from __future__ import annotations

from tests.test_user_slots import card_of, said


def test_a_home_said_wrong_is_replaced_by_the_one_said_in_its_place(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("My sister lives in Truro, what could I post her for her birthday?", "Some local treats, perhaps."),
        ("Hang on, I told you Truro, but she's in Falmouth, she moved there years ago.", "Falmouth it is."),
    ])
    assert "lives in Falmouth" in card and "Truro" not in card, card


def test_an_allergy_said_wrong_is_replaced_and_the_drug_is_not_taken(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Please note I'm allergic to amoxicillin, for when we talk about the dentist.", "Noted."),
        ("Correction: it's not amoxicillin, it's latex I react to. Amoxicillin is fine.", "Thanks, latex it is."),
    ])
    health = next(line for line in card.splitlines() if line.startswith("Health"))
    assert "allergic to latex" in health and "amoxicillin" not in health, card
    assert not any(attribute == "medication" for _, attribute, _, _ in said("It's not amoxicillin, it's latex."))


def test_a_place_said_wrong_is_put_right_in_the_plan_that_names_it(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("My son graduates in Dundee in June. So proud of him!", "Congratulations to him!"),
        ("Oops, I mixed up the cities, the ceremony is in Stirling! Not Dundee.", "Stirling then."),
    ])
    assert "graduates in Stirling" in card and "Dundee" not in card, card


def test_a_common_word_said_wrong_names_the_value_in_its_place(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I have a sesame allergy so work parties are a minefield.", "Bring a safe dish of your own."),
        ("you kept saying sesame, it's actually mustard I react to, sesame is fine", "Thanks, mustard then."),
    ])
    health = next(line for line in card.splitlines() if line.startswith("Health"))
    assert "allergic to mustard" in health and "sesame" not in health, card


def test_the_actual_holder_of_a_role_replaces_the_one_said(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("My supervisor Denise wants the audit notes by Thursday.", "Let's draft them."),
        ("My actual supervisor is Colm, Denise is the team admin, I got muddled.", "Got it, Colm."),
    ])
    assert "Colm (supervisor)" in card and "Denise (supervisor)" not in card, card


def test_a_request_saying_sorry_and_not_retracts_nothing(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("We live in Cork and my brother lives in York.", "Two lovely places."),
        ("Sorry to bother you again, I need trains to Leeds not York this time.", "Here are trains to Leeds."),
        ("Sorry, can you redo that list for Dublin, not Cork? We're visiting.", "Sure, for Dublin."),
    ])
    assert "lives in Cork" in card and "York" in card, card


def test_a_complaint_a_suggestion_or_a_day_off_retracts_nothing(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I'm vegan and we live in Cobh. My favourite food is Thai curry. I cycle to work.", "Noted, all of it."),
        ("I told you I was vegan, but you keep suggesting feta!", "Sorry, no more feta."),
        ("Actually, let's book the Italian place tonight, not the Thai one.", "Booked the Italian."),
        ("Actually, can you plan a weekend in Kinsale? Not Cobh, we know Cobh.", "Here's Kinsale."),
        ("Sorry, I'm not cycling, my knee is playing up again.", "Rest it."),
    ])
    assert "vegan" in card and "lives in Cobh" in card and "Thai curry" in card and "no longer" not in card, card


def test_a_value_put_right_in_the_same_message_is_the_new_one(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [("Our dog Pip is 4. Sorry, she's 5, not 4.", "Happy birthday Pip!")])
    assert "Pip (dog): age 5" in card, card


def test_the_name_put_right_is_the_one_said_in_the_correcting_sentence(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("My colleague Shivon brought cake today.", "Lovely."),
        ("I must correct myself: it is Siobhan, with a b and an h, not Shivon. She is Basque and minded that I wrote "
         "it wrong.", "Noted."),
    ])
    assert "Siobhan (colleague)" in card and "Basque" not in card, card


def test_a_day_put_right_moves_the_plan_to_it(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Dad gets his new knee in Galway on 14 July, I'm driving him.", "Noted."),
        ("Sorry, the operation is 21 July, not 14 July, the surgeon moved it.", "Thanks, 21 July."),
    ], month="2027-05")
    assert "21 Jul" in card and "14 Jul" not in card, card
