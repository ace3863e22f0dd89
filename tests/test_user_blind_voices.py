"""What chats written blind (tune_z9 to tune_z16) said of the user and their people in ways nobody had read: a name
said again in full, a favourite named before "who remains my favourite author", an age still to come, an age after a
name in apposition, a visit from where someone lives, a job said without its article."""

from __future__ import annotations

from memoryos_mcp.usermodel.favourites import side_followed
from memoryos_mcp.usermodel.values import USER, Update
from tests.test_user_model import section
from tests.test_user_slots import card_of, said


def test_a_name_said_again_in_full_gives_the_surname(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Jenna set this up for me, so here I am, typing with two fingers. Name's Bill, Bill Henderson, I'm 66.",
         "Nice to meet you, Bill, and good on Jenna for setting you up.")])
    assert card.startswith("Who they are: Bill Henderson; age 66."), card
    assert ("user", "surname", "Mensah", "") in said("My name is Kofi, Kofi Mensah. I'm a PhD student.")
    assert not {u for u in said("My name is Kofi, Kofi and I are going out.") if u[1] == "surname"}


def test_a_favourite_named_before_who_remains_my_favourite(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I have read everything by Chimamanda Ngozi Adichie, who remains my favourite author, twice over.", "Ah.")])
    assert "favourite author: Chimamanda Ngozi Adichie" in card and "twice over" not in card, card


def test_an_age_still_to_come_is_no_age_and_one_after_a_name_in_apposition_is(tmp_path, local_embedder):
    people = section(card_of(tmp_path, local_embedder, [
        ("My sister Eileen turns 75 in May, and her kids are throwing a party.", "Lovely."),
        ("My mum, Ifeoma, is 74, widowed, and fiercely independent.", "She sounds formidable."),
        ("Lily turns 9 today!", "Happy birthday, Lily!")]), "People and pets")
    assert "Eileen (sister)" in people and "75" not in people, people
    assert "Ifeoma (mum): age 74" in people and "Lily: age 9" in people, people


def test_a_visit_from_where_someone_lives_and_a_job_said_without_its_article(tmp_path, local_embedder):
    people = section(card_of(tmp_path, local_embedder, [
        ("My sister Ada is visiting next weekend from Croydon. She's a solicitor.", "Lovely."),
        ("Ewa is my girlfriend, we live together in Charlois. she is team leader there", "Nice."),
        ("She's a natural leader, my sister Jo.", "Sounds like it.")]), "People and pets")
    assert "Ada (sister): solicitor, lives in Croydon" in people, people
    assert "Ewa (girlfriend): team leader" in people and "natural" not in people, people


def test_a_name_the_reply_agrees_to_for_someone_else_is_not_the_user_s(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I've gone back to Robert, my proper name.", "Robert it is."),
        ("At Peachtree Sports Rehab at 6:30 the PT name is Lauren she seem cool but no basketball till January",
         "Early mornings with Lauren it is. Listen to her on the no-basketball rule.")])
    assert card.startswith("Who they are: Robert"), card


def test_a_favourite_dish_or_a_series_said_after_it_and_no_favourite_of_a_description(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("sunday special: making misal pav, nashik style. my favourite food ever, no competition.", "Yum!"),
        ("In pijama watching Paquita Salas for fifth time. Is my favourite series ever, la Paquita is my spirit "
         "animal", "Iconic."),
        ("friday night and i'm watching panchayat again. it's my comfort show, fav of all time.", "Comfort TV!")])
    assert "favourite food: misal pav" in card and "favourite series: Paquita Salas" in card, card
    assert "favourite show: panchayat" in card.lower() and "all time" not in card, card
    assert ("user", "favourite:food", "ramen", "") in said("having ramen in Tokyo. my favourite food ever")
    assert not {u for u in said("Is my favourite series Succession or The Wire, cant remember") if u[0] == "user"}


def test_a_side_followed_told_by_its_result_where_the_user_is_a_fan():
    assert ("user", "favourite:team", "Blue Jackets", "") in said(
        "blue jackets lost again, 4-1. I've been a fan since day one, my dad took me to the first game")
    assert ("user", "favourite:team", "Bohs", "") in said("bohs lost again. why do i do this to meself")
    for no_side in ("We lost the quiz again, I'm a big fan of quizzes though", "Tom won the raffle, I watched him",
                    "The kids lost 3-1 but I'm a fan of effort", "Leeds lost again.",
                    "United lost 3-0!!! I'm a City fan haha",
                    "liverpool won 3-1 last night, my husband's a massive fan",
                    "my son's team lost 4-1 again. I watched from the sideline"):
        assert not {u for u in said(no_side) if u[1] == "favourite:team"}, no_side


def test_a_side_followed_told_by_a_lament_a_scoreline_or_watching_it(tmp_path, local_embedder):
    assert ("user", "favourite:team", "Leeds", "") in said("Leeds lost again. 2-0 at home. I don't know why I bother.")
    assert ("user", "favourite:team", "Jets", "") in said("The Jets lost again, 4-2. why do I even bother")
    assert ("user", "favourite:team", "Lech", "") in said("Lech win 2:0!! Ewa hate football so I watch on phone alone")
    assert ("user", "favourite:team", "Leicester City", "") in said(
        "at the king power w my dad. leicester city 0 watford 2. we've had season tickets together since i was 12")
    for no_side in ("Sarah won 6-2 in the final set, I watched it all", "Tom won the raffle 2-1, I watched it",
                    "Mum won 2-1 at scrabble, I watched it", "we won 3 they got 2. I've been a fan since forever",
                    "The kids lost 3-1 and I watched it from the car", "Leeds lost again. Why do I bother with trains",
                    "Lily won again! 3-1 in the final, I watched it from the stands",
                    "Brighton 1 Leeds 3!!! I watched it", "Room 4 Floor 2. I don't know why I bother.",
                    "The Tories won again. I don't know why I bother voting"):
        assert not {u for u in said(no_side) if u[1] == "favourite:team"}, no_side
    for fan in ("I'm a huge Coldplay fan, the concert starts at 7:30 tonight",
                "I'm a Ted Lasso fan, best football show ever", "I'm a Radiohead fan, seeing them 3-4 times this year"):
        assert side_followed(Update(USER, "favourite:", "X"), fan, "").attribute == "favourite:", fan
    lament = "Leeds lost again. 2-0 at home. I don't know why I bother."
    for reply in ("Leeds Bradford Airport is close, though.", "Leeds Rhinos Play Tonight"):
        assert side_followed(Update(USER, "favourite:team", "Leeds"), lament, reply).value == "Leeds", reply
    card = card_of(tmp_path / "leeds", local_embedder, [
        ("Leeds lost again. 2-0 at home. I don't know why I bother.",
         "Sorry to hear it. Leeds United at home to lose 2-0 is a grim Friday night."),
        ("I'm a huge Taylor Swift fan, got tickets for Friday", "Enjoy the show!")])
    assert "favourite team: Leeds United" in card and "favourite: Taylor Swift" in card, card
    card = card_of(tmp_path / "jets", local_embedder, [
        ("The Jets lost again tonight, 4-2. I've been a Jets fan since the old WHA days.", "A Jets fan for life!")])
    assert "favourite team: Jets" in card, card


def test_a_favourite_said_as_a_fragment_after_what_it_is(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Lucía and me are going to the concert of Vetusta Morla in December!!! My favourite band since the "
         "university, I cry in all the concerts", "Enjoy!"),
        ("I need a book. my favourite book ever is Flights by Tokarczuk, recommend something", "Try Drive Your Plow."),
        ("chat 10 looks 3 has a new ep on sourdough. fave podcast ever, id listen to them read the phone book", "Ha")])
    assert "favourite band: Vetusta Morla" in card and "Lucía" not in card.split("Coming up")[0], card
    assert "favourite book: book" not in card and "favourite podcast: new" not in card, card
    assert ("user", "favourite:band", "runrig", "") in said(
        "runrig forever. my favourite band since i was a boy.", reply="Runrig is great.")


def test_an_age_said_in_passing_or_by_a_birthday_present_and_a_name_inside_a_run_on():
    assert ("user", "age", "45", "") in said("Doc says my blood pressure is 158 over 98. I'm only 45 for jaysus sake")
    assert ("user", "age", "71", "") in said("The tablet is an iPad, it was a present for my 71st birthday from Kari.")
    assert not {u for u in said("For my 40th birthday next month I want a party.") if u[1] == "age"}
    found = said("so here I am my name is Jamal Washington I teach history at Harper Ridge High School",
                 reply="Nice to meet you, Jamal!")
    assert {("user", "name", "Jamal", ""), ("user", "surname", "Washington", "")} <= found
    assert not {u for u in said("First day with kids today wish me luck") if u[1] == "employer"}


def test_moving_into_the_flat_last_looked_at_without_naming_its_place(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I live in Paradis, in Bergen, in the same house for 38 years.", "That's a long time."),
        ("There is a flat in Møhlenpris, two rooms and a kitchen, with a balcony. I am a bit in love.", "Lovely."),
        ("The price is 3.9 million kroner and Henrik says the flats in Møhlenpris go for more.", "Bid carefully."),
        ("I am in the flat! The movers were finished at 15.00. I am eating a bun on the balcony in my coat.",
         "Welcome home!")])
    assert "lives in Møhlenpris (flat)" in card and "Coat" not in card, card


def test_what_judges_found_wrong_on_the_blind_cards(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("My wife Keisha is pregnant with our third", "Congratulations!"),
        ("Thanksgiving at my mom house in Macon Thursday what can I eat on the dash diet", "Go easy on the butter."),
        ("i drive a bus so half the time i dont know wat day it is", "Shift work will do that."),
        ("ah ya. booked 10 drivin lessons for her online and a silver necklace. sorted", "She'll love that."),
        ("My neighbour came with waffles. Fru Hansen, 88 years and very sharp. She was a nurse at Haukeland for 40 "
         "years.", "How lovely to have such a welcoming neighbour!")])
    assert "Macon" not in card.split("Coming up")[0] and "House" not in section(card, "People and pets"), card
    assert "car:" not in card and "course:" not in card, card
    assert "Fru Hansen: former nurse" in card, card


def test_drugs_known_by_more_families_and_brands_and_activities_by_more_names(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I saw my GP this morning. She has prescribed naproxen, 500 mg twice a day with food.", "Take it with food."),
        ("She agreed that the naproxen was the culprit and has stopped it. Instead I am now taking celecoxib, 200 mg "
         "once a day.", "Celecoxib is gentler on the stomach."),
        ("On Sunday mornings I play badminton with a group of old friends.", "Lovely."),
        ("Tai chi is my exercise now, and I am surprised to find that I do not mind.", "Good for balance."),
        ("asthma heaps better on the symbicort", "Great."),
        ("at work I can tell you someone's warfarin dose from 3 yrs ago lol", "Impressive.")])
    assert "takes celecoxib" in card and "takes symbicort" in card and "naproxen" not in card.split("Recent")[0], card
    assert "warfarin" not in card and "tai chi" in card and "badminton" not in card.split("Recent")[0], card


def test_a_drug_said_only_as_someone_else_s_is_not_the_user_s():
    assert not {u for u in said("His medicines are metformin 500 mg twice a day and amlodipine 5 mg in the morning.")
                if u[1] == "medication"}
    assert not {u for u in said("Carol has to stop her naproxen a week before.") if u[1] == "medication"}
    assert ("user", "medication", "ramipril", "") in said("Mum's amlodipine ran out so I got her more. I'm on ramipril")


def test_a_name_asked_of_someone_spoken_of_without_one_is_theirs(tmp_path, local_embedder):
    people = section(card_of(tmp_path, local_embedder, [
        ("My mum Halina is coming to stay next week.", "Lovely!"),
        ("Ringette tournament this weekend. What do I pack for a kid who once forgot her own helmet?",
         "Label everything and pack spare socks. What's her name, by the way?"),
        ("Nora. She's seven, plays U9.", "Go Nora!")]), "People and pets")
    assert "Nora (child): age seven" in people and "Nora (mum)" not in people, people
