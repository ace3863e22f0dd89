"""What two chats written blind in session 22 (a Durban HR officer who moves to Cape Town, a divorced Ohio dad who
changes jobs and moves) and the tune phrasing sets showed the learner missing or misreading: a death or a move told in
the past read as a plan, a fiancée named after "I'm engaged", two fish named beside "two fish", a home moved into with
"We're in!!!", someone's found flat and promotion, "her place in Pinetown", a breed written as a name, "Named him
Biltong", "at 38?", a name put at the bottom of a letter, a correction after "I told you wrong", "btw" taken for a
dog's name, a favourite band read as "since varsity", a relative named in words without a verb ("Tanya news!"), a
sport ended for good ("Last netball game ever.") and one begun by its lessons, disc golf, hours said with a job
offered, "acting like she's 30", a blood pressure reading replaced by the next, and "her name is Sunny" of no one
named before."""

from __future__ import annotations

import pytest

from tests.test_user_model import section
from tests.test_user_slots import card_of, said


def test_a_day_told_in_the_past_is_no_plan_unless_it_puts_a_day_right(tmp_path, local_embedder):
    chat = [("My wife Hannelore passed away in January after long illness.", "I'm very sorry."),
            ("Sorry for the slow reply, my dad died in January too.", "I'm so sorry."),
            ("We went to my cousin's wedding in January, it was lovely.", "How nice.")]
    coming = card_of(tmp_path / "died", local_embedder, chat)  # said in November: January is nearer ahead
    assert "Jan" not in coming and "passed away" not in coming and "died" not in coming and "cousin" not in coming, \
        coming
    chat = [("My wife and I married in 1968 and our anniversary is on 12 June.", "Lovely."),
            ("Forgive me, my memory. We married on 21 June, not the twelfth.", "21 June it is.")]
    coming = section(card_of(tmp_path / "married", local_embedder, chat, month="2027-02"), "Coming up")
    assert "21 Jun" in coming and "12 Jun" not in coming, coming
    assert not {u for u in said("We finalised the divorce in January.") if u[1] == "plan"}
    assert {u for u in said("My sister called about her wedding in June.") if u[1] == "plan"}
    assert {u for u in said("Theo's got a football tournament in May.") if u[1] == "plan"}
    assert {u for u in said("Dohale jevan fixed for Sunday 25 April at her parents' home.") if u[1] == "plan"}


def test_the_one_engaged_to_is_whom_her_name_names(tmp_path, local_embedder):
    chat = [("My wife Hannelore passed away in January after long illness.", "I'm very sorry."),
            ("An unexpected thing: I am engaged again, at seventy-four. Her name is Margarete, we met in the choir.",
             "Congratulations to you and Margarete!")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Margarete (partner)" in people and "Hannelore" not in people, people
    assert ("Priya", "role", "partner", "") in said("I got engaged in December! Her name is Priya.")
    for text in ("My son just got engaged. Her name is Priya.", "I'm so engaged with this book. Her name is Ada."):
        assert not {u for u in said(text) if u[1] == "role" and u[2] == "partner"}, text


def test_pets_named_beside_what_the_user_has(tmp_path, local_embedder):
    chat = [("I have two fish, a goldfish named Vàng and a betta named Đỏ. How often should I clean the tank?",
             "Weekly."),
            ("Sadly Vàng died last week, so only Đỏ stays.", "I'm sorry about Vàng.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Đỏ (betta)" in people and "Vàng" not in people, people
    found = said("Yes our Jack Russell. He's 6. Named him Biltong because he was this skinny dry little thing.")
    assert ("Biltong", "role", "jack russell", "") in found
    assert not {u for u in found if u[0] == "Jack"}
    assert ("Anna", "role", "brother's wife", "") in said("I visited my brother and his wife Anna.")
    assert not said("We met Tom and his dog, a poodle named Coco.")
    assert not {u for u in said("My daughter Mia is 6. I called her Princess all day.") if u[0] == "Princess"}
    assert ("Milo", "role", "tabby", "") in said("We adopted my neighbour's cat, a tabby named Milo.")


@pytest.mark.parametrize(("chat", "home"), [
    ([("Found a place!! 2 bed cottage in Muizenberg, 5 min walk to the beach.", "Congratulations!"),
      ("Checklist for when we hand back the keys for the Glenwood flat?", "Sure."),
      ("We're in!!! Boxes everywhere, sea air, and the WIND", "Welcome home!")], "lives in Muizenberg"),
    ([("found a house!! 3 bedroom ranch in delaware on a cul de sac. move in may 1.", "A ranch in Delaware!"),
      ("we're in. the dog ran laps around the yard", "Congratulations on the new house!")], "lives in Delaware"),
    ([("I live in Glenwood.", "Noted."), ("My brother just bought a house in Ballito.", "Nice."),
      ("Quiz night at the pub on Friday? I'm in.", "Fun!")], "lives in Glenwood"),
    ([("I live in Glenwood.", "Noted."),
      ("Found a place!! 2 bed cottage in Muizenberg. Leaving Durban will be hard.", "Congratulations!"),
      ("We're in!!!", "Welcome home!")], "lives in Muizenberg"),
    ([("I live in Glenwood.", "Noted."), ("We found a flat for my brother in Ballito.", "Kind of you."),
      ("We're in!!!", "Welcome home!")], "lives in Glenwood"),
], ids=["cottage", "lower case", "someone else's house", "a place left said beside", "a flat found for another"])
def test_we_re_in_moves_the_user_into_the_place_found(tmp_path, local_embedder, chat, home):
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert home in who, who


def test_what_is_said_of_a_relative_in_other_words(tmp_path, local_embedder):
    chat = [("My sister Tanya is a grade 4 teacher in Joburg. Craig is my brother, he lives in Pretoria.", "Nice."),
            ("Tanya news! She's been promoted to deputy principal at her school.", "Wonderful."),
            ("Craig found a flat in Perth, in Fremantle. Sent a video of his balcony.", "Fremantle is lovely."),
            ("My mom Shirley wants to do a big lunch for her 70th.", "When is it, and where?"),
            ("13 March. At her place in Pinetown, she's lived there 35 years.", "Lovely."),
            ("my dad called. him and my mom still live in zanesville in the same house I grew up in", "Nice.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Tanya (sister): deputy principal" in people and "grade 4" not in people, people
    assert "Craig (brother): lives in Perth" in people and "Pretoria" not in people, people
    assert "Shirley (mum): lives in Zanesville" in people, people
    assert ("mum", "home", "Stow on the Wold", "") in said("mum lives in stow on the wold now")


def test_a_correction_after_owning_the_mistake_moves_the_relative(tmp_path, local_embedder):
    chat = [("my sister called, she's trying to get the whole family up to her place in indianapolis for easter",
             "Easter in Indianapolis sounds nice."),
            ("we're driving up to becky's. wait I told you wrong before, she's not in indianapolis, she's in fort "
             "wayne.", "Got it, Becky lives in Fort Wayne, not Indianapolis.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Fort Wayne" in people and "Indianapolis" not in people, people


def test_the_user_s_name_put_at_the_bottom_of_a_letter():
    assert not said("My name is on the lease, Dave isn't.", reply="Dave should be added.")
    found = said("Perfect. Put my name at the bottom, Kerry-Anne Govender, and I'll send",
                 reply="Done: Dear Nomvula, thank you. Kind regards, Kerry-Anne Govender")
    assert {("user", "name", "Kerry-Anne", ""), ("user", "surname", "Govender", "")} <= found


def test_chat_words_are_no_names_nor_favourites():
    found = said("so it's just me and bosco. bosco is my dog btw, beagle mix, 7 years old",
                 reply="A quiet weekend with Bosco then.")
    assert ("Bosco", "role", "dog", "") in found and not {u for u in found if u[0] == "Btw"}
    found = said("Sunday on the stoep with Freshlyground on the speaker. They're still my favourite band, since "
                 "varsity, nobody can change my mind")
    assert ("user", "favourite:band", "Freshlyground", "") in found
    assert not {u for u in found if "varsity" in u[2]}
    assert ("user", "favourite:book", "Of Mice and Men", "") in said("My favourite book, Of Mice and Men, is on sale.")


def test_a_relative_named_in_words_without_a_verb_is_who_she_is_next(tmp_path, local_embedder):
    chat = [("My sister Tanya is a grade 4 teacher in Joburg.", "Nice."),
            ("My mom Shirley phoned, she's fine.", "Good."),
            ("Tanya news! She's been promoted to deputy principal at her school.", "Wonderful.")]
    people = section(card_of(tmp_path, local_embedder, chat), "People")
    assert "Tanya (sister): deputy principal" in people, people


def test_a_sport_ended_for_good_stays_ended_and_lessons_begin_one(tmp_path, local_embedder):
    chat = [("Back from action netball, my team lost 14-22 but it was lekker.", "Nice."),
            ("Netball tonight, I played WD and didn't embarrass myself.", "Well done."),
            ("Last netball game ever. We won 18-11!", "What a way to finish."),
            ("I had my first surf lesson and stood up once. I'm obsessed", "Great start!"),
            ("I bought a wetsuit and signed up for 8 more at the surf school. Netball who?", "Surfing it is."),
            ("I miss my netball so much already, I played it for years.", "Understandable.")]
    card = card_of(tmp_path, local_embedder, chat)
    activities = section(card, "Activities")
    assert "surfing" in activities and "netball" not in activities, card
    assert "Exercise: surfing" in section(card, "Recent changes"), card


def test_lessons_of_others_and_a_last_game_watched_are_no_sport_of_the_user_s(tmp_path, local_embedder):
    chat = [("I play netball on Tuesdays, my team is third.", "Nice."),
            ("Netball tonight, I played WD.", "Well done."),
            ("Went to watch the last netball game ever at the old stadium, sad day.", "End of an era."),
            ("Signed my daughter up for swim lessons on Saturdays.", "Lovely."),
            ("Dropped my kids at swim school, I'm knackered", "Rest up.")]
    activities = section(card_of(tmp_path, local_embedder, chat), "Activities")
    assert "netball" in activities and "swimming" not in activities, activities


def test_disc_golf_is_its_own_sport(tmp_path, local_embedder):
    chat = [("I played disc golf with Luis on my lunch break.", "Fun."),
            ("Shot +14 at disc golf this morning, I'm hooked", "Nice.")]
    assert "disc golf" in section(card_of(tmp_path, local_embedder, chat), "Activities")


def test_hours_said_with_a_job_offered_and_no_age_from_acting_like_one(tmp_path, local_embedder):
    chat = [("I work second shift, 2 to 10:30, so dinner is whatever the vending machine has.", "Ouch."),
            ("I GOT IT. hollister offered me the dispatcher job. 24.50 an hour, days 6 to 2:30, start march 29.",
             "Congratulations! Dispatcher at Hollister Freight, days.")]
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert "hours 6 to 2:30" in who, who
    assert not {u for u in said("Kaylee's done with freshman year and acting like she's 30") if u[1] == "age"}


def test_a_new_reading_replaces_the_last_of_its_test(tmp_path, local_embedder):
    chat = [("physical done. bp was 152 over 96. Dr Okafor put me on lisinopril 10 mg", "152/96 is high."),
            ("my blood pressure was 138 over 88. better but not there yet.", "Good progress.")]
    card = card_of(tmp_path, local_embedder, chat)
    assert "blood pressure was 138 over 88" in section(card, "Health") and "152" not in card, card


def test_a_name_said_of_no_one_before_is_who_she_is():
    found = said("ok that was GOOD. her name is Sunny, she's a dental hygienist, told me I need to floss more.")
    assert ("Sunny", "job", "dental hygienist", "") in found


def test_what_a_retired_yorkshireman_says_in_passing(tmp_path, local_embedder):
    """tune_z1: a club joined is no employer, a drug taken off ends (not "not taking me off"), a diagnosis
    noted with its side, "going steady", a pet described after its name, the short name the assistant agrees."""
    assert {u for u in said("Went to the bowls. Joined Aireville Park Bowling Club for the season, £45.")} == {
        ("user", "club", "Aireville Park Bowling Club", ""),
        ("user", "exercise", "bowls", "Aireville Park Bowling Club")}
    assert ("Sheila", "role", "partner", "") in said("Sheila and me are going steady, I suppose you'd say.")
    assert ("user", "condition", "Cataract", "") in said("Letter from the eye clinic. Cataract, right eye.")
    found = said("Name on the account's Geoffrey Armitage but nobody's called me Geoffrey since me mam.",
                 reply="Geoff it is, then. The account number is near the top.")
    assert ("user", "name", "Geoff", "") in found
    chat = [("Been to the doctor's. I'm on amlodipine for my blood pressure.", "OK."),
            ("She's taking me off the amlodipine because of the ankles. Ramipril instead, 2.5mg.", "A common swap."),
            ("It's not mice I'm worried about. Bess has dug half the bean row up. Border terrier, eight, thinks she's "
             "helping.", "That sounds like a border terrier.")]
    card = card_of(tmp_path, local_embedder, chat)
    assert "ramipril" in section(card, "Health") and "amlodipine" not in section(card, "Health"), card
    assert "Bess (border terrier): age eight" in section(card, "People"), card


def test_a_title_with_and_inside_and_a_relative_who_drove_up_from_home(tmp_path, local_embedder):
    chat = [("I'm an HR officer at Bayhead Freight in Durban.", "Noted."),
            ("I saw an ad in Cape Town. People and Culture Manager at Harbourlight Insurance. Should I apply??",
             "Applying costs nothing."),
            ("HARBOURLIGHT OFFERED ME THE JOB. In Cape Town. I'm shaking", "Congratulations!")]
    who = card_of(tmp_path, local_embedder, chat).splitlines()[0]
    assert "people and culture manager" in who, who
    found = said("back home. my brother kyle drove up from dayton, he's a firefighter down there",
                 reply="Sounds like Kyle from Dayton is a solid brother.")
    assert {("Kyle", "home", "Dayton", ""), ("Kyle", "job", "firefighter", "")} <= found
