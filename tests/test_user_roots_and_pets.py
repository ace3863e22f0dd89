"""Where the user comes from and where they live by street or by the town the reply names, pets said in a list
beside their name, a couple in lower case, an age "officially" reached, a person's age with a list after it, the
health said before whose it is ("Celiac. Owen was diagnosed at 19") and lengths swum; then the card through the
engine."""

from __future__ import annotations

from tests.test_user_people import _said
from tests.test_user_slots import card_of, said


def test_where_the_user_comes_from_is_their_origin_not_where_they_are_back_from():
    assert ("user", "origin", "Kumasi", "") in said("I grew up in Kumasi, where 25 degrees is considered cold.")
    assert ("user", "origin", "Ohio", "") in said("I'm from Ohio.")
    assert ("user", "origin", "Cork", "") in said("I was born in Cork.")
    for text in ("I'm from Deloitte", "I'm just back from Lisbon.", "I'm from the council", "we grew up in the 90s",
                 "I grew a beard in Lisbon.", "I raised money in Edinburgh for the charity run.",
                 "I'm from Deloitte originally, now at KPMG.", "I was born in Leeds General Infirmary."):
        assert not any(a == "origin" for _s, a, _v, _d in said(text)), text


def test_a_street_lived_on_is_a_home_and_a_living_had_from_something_is_not():
    assert ("user", "home", "Christie Street", "") in said(
        "The long journey is between us: I live on Christie Street, so we are at opposite ends of the Bloor line.")
    assert ("user", "home", "Hawbank Close", "") in said("I live at 14 Hawbank Close.")
    assert ("user", "home", "Christie Street", "") in said("I live on Christie Street.")
    for text in ("I live at home with my parents", "I live on campus", "I live on Netflix these days.",
                 "I live on Uber Eats", "We live at the Grove.", "I live on a busy road"):
        assert not any(a == "home" for _s, a, _v, _d in said(text)), text


def test_pets_said_in_a_list_beside_their_name_and_a_couple_in_lower_case(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("The dog's gone off his food. Bosco, black Lab, he's 11. Should I be worried?", "Keep an eye on him."),
        ("Yeah Biscuit our boxer mix he five and he got zero sense he need a flat yard", "Ha, boxers!"),
        ("I met Tom. Max, a boxer, asked me to spar. Ali, boxer, asked me too.", "Fun!"),
        ("Sadly our cat she passed last night.", "I'm so sorry."),
        ("My neighbour's dog is poorly. Rex, black Lab, he's 11.", "Poor Rex."),
    ])
    assert "Bosco (black lab): age 11" in card and "Biscuit (boxer mix): age five" in card, card
    assert not any(name in card for name in ("Max", "Ali", "Sadly", "Rex")), card
    assert ("Imani", "role", "partner", "") in said("update: me n imani are official 🥹 she asked ME lmao")
    assert ("Jalen", "age", "eleven", "") in said("Jalen officially eleven he got a football signed by the team")


def test_what_is_said_of_someone_else_is_not_the_users():
    assert not any(a == "uses" for _s, a, _v, _d in said("Retired racer, we adopted him two years ago, he's six."))
    assert not any(s == "user" and a == "allergy" for s, a, _v, _d in said(
        "Correction: Nora's not allergic to peanuts. The allergist retested her and it's cashews and pistachios."))
    found = said("Celiac. Owen was diagnosed at 19. He's a power line technician with ENMAX.")
    assert ("Owen", "condition", "Celiac", "") in found
    assert not any(s == "user" and a == "condition" for s, a, _v, _d in found)
    assert ("user", "condition", "Celiac", "") in said("Celiac. I was diagnosed at 19.")
    assert ("user", "diet", "vegan", "") in said("Vegan. Owen was diagnosed with diabetes last year.")


def test_the_card_says_where_they_are_from_and_the_town_the_reply_places_their_home_in(tmp_path, local_embedder):
    card = card_of(tmp_path / "a", local_embedder, [
        ("Good morning. It's minus 18. I grew up in Kumasi, where 25 degrees is considered cold.", "Brr!"),
        ("MOVED - I am sitting on the floor of MY apartment in Leslieville",
         "Welcome home! Your own apartment in Leslieville — the east end of Toronto suits you."),
        ("Celiac. Owen was diagnosed at 19, he's my husband.", "Then go strict with the gluten."),
    ])
    who = card.splitlines()[0]
    assert "lives in Leslieville, Toronto" in who and "from Kumasi" in who, card
    assert "Celiac" not in card.split("People and pets")[0] and "Celiac" in card, card
    moved = card_of(tmp_path / "b", local_embedder, [
        ("Moved. Every box is in the wrong room but I'm in.", "Welcome to Skipton! The hard part is done."),
    ])
    assert moved.startswith("Who they are: lives in Skipton"), moved
    named = card_of(tmp_path / "y", local_embedder, [
        ("our lease is up, we found a place in vic", "Exciting!"),
        ("MOVED!!! 24 april. yarraville gang.", "Congratulations on the move, and welcome to Yarraville!")])
    assert named.startswith("Who they are: lives in Yarraville."), named  # the town the user named, not "vic"
    for user, reply in (("I moved my car.", "Welcome to London!"), ("Moved teams today.", "Welcome to Platform!"),
                        ("Finally moved!", "Welcome to Homeownership."),
                        ("I moved to Leeds for my new job at Deloitte.", "Congrats! Welcome to Deloitte!")):
        other = card_of(tmp_path / user[:8], local_embedder, [(user, reply)])
        assert not any(w in other for w in ("London", "Platform", "Homeownership", "Leeds, Deloitte")), other


def test_an_age_then_a_list_and_a_trade_in_slang_and_lengths_swum():
    assert {("Jarrod", "age", "33"), ("Jarrod", "job", "electrician"), ("Jarrod", "home", "Townsville")} <= _said(
        "Jarrod's 33 by the way, sparky up in Townsville. Does fly in fly out on the mines", frozenset({"Jarrod"}))
    assert _said("Jarrod's 33, 34 next week.", frozenset({"Jarrod"})) == {("Jarrod", "age", "33")}
    for text in ("Sarah's 19 now, student in her second year.", "Sarah's 16 now, student in Year 11.",
                 "Sarah's 30 now, nurse up in the NICU."):
        assert not any(a == "home" for _s, a, _v in _said(text, frozenset({"Sarah"}))), text


def test_lengths_swum_on_two_days_are_the_users_exercise(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Did 30 lengths at the DCU pool before work and the knee didn't say a word.", "Great!"),
        ("Is swimming a few mornings a week enough to keep the weight off?", "It helps.")])
    assert "Activities and favourites: swimming" in card, card
    other = card_of(tmp_path / "no", local_embedder, [
        ("I cut four lengths of timber for the shed.", "Handy!"),
        ("My head swam when I stood up too fast.", "Careful."), ("I swam across the lake as a kid, mad.", "Brave!")])
    assert "swimming" not in other, other


def test_a_favourite_said_after_the_title_or_with_no_kind_and_never_a_person():
    assert ("user", "favourite:podcast", "Gumboot Diaries", "") in said(
        "Listening to Gumboot Diaries on the tractor, my favourite podcast. It's just rural folk telling stories.")
    assert ("user", "favourite:", "99% Invisible", "") in said(
        "Podcast recs for the walk to work? 99% Invisible is my favourite and I've been through it twice.")
    for text in ("Tom is my favourite.", "Mum is my favourite!", "Jessica is my favourite.", "Reading is my favourite.",
                 "Ok Mia is my favourite.", "My new favourite is Ms Patel, she's lovely.",
                 "Biscuit is my favourite, she's the fluffy one.", "Listening to Dad in the car, my favourite podcast.",
                 "Watching Lily at her dance recital, my favourite show of the year.",
                 "Christmas is my favourite and I can't wait."):
        assert not any(a.startswith("favourite") for _s, a, _v, _d in said(text)), text


def test_a_favourite_given_up_for_a_new_one_is_no_longer_shown_as_current(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Listening to Gumboot Diaries on the tractor, my favourite podcast.", "Nice!"),
        ("I've gone off Gumboot Diaries since they changed presenters. My new favourite is The Rest Is History.",
         "Great one."),
        ("The milk has gone off, and I went off to the shop.", "Oh dear."),
        ("I work at Google now.", "Congrats!"), ("We went off Google Maps and ended up in a field.", "Ha!"),
        ("Oasis knocked Blur off the top spot in 95.", "Classic.")])
    assert "favourite podcast: The Rest Is History" in card and "before: Gumboot Diaries" in card, card
    assert "works at Google" in card, card


def test_single_until_a_partner_and_a_couple_asked_for_and_said_yes_to(tmp_path, local_embedder):
    assert ("user", "marital", "single", "") in said("No thanks, I am single and happy, and I have an exam")
    for text in ("I'm a single mum of two", "I'm single-handedly running the shop", "I'm single-minded about this.",
                 "I'm single parenting this week while Tom is away."):
        assert not any(a == "marital" for _s, a, _v, _d in said(text)), text
    assert ("Theo", "role", "partner", "") in said("Theo asked if I want to be 'official'. I said yes.")
    for text in ("Theo asked if I want to go for coffee. I said yes.", "Sarah asked if the results were official. I "
                 "said yes.", "Tom asked if Mia and Jake are official yet. I said yes."):
        assert not any(a == "role" for _s, a, _v, _d in said(text)), text
    card = card_of(tmp_path, local_embedder, [("I'm single and happy.", "Good for you!"),
                                              ("My girlfriend Ana is a nurse.", "Lovely!")])
    assert "Ana (girlfriend): nurse" in card and "no longer single" in card and "Who they are: single" not in card
