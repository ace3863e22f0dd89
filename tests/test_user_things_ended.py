"""A thing of the user's said to be over leaves the card as current, the way people say it: an ailment healed ("my
shoulder has healed", "the eczema cleared up"), a pastime there is no time for any more, a thing named first and
then left ("Darts, I gave it up"), a plan dropped ("forget the Rome trip") or called off with another booked in the
same breath, a medicine switched for another. A class called off for one evening ends no habit, a sister's ailment
healed none of the user's, and a second medicine stays when one of two is switched."""

from __future__ import annotations

from benchmarks.changes import stale_lines
from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase
from tests.support import open_memory
from tests.test_user_partings import _cards
from tests.test_user_slots import card_of, said


def _read(text: str) -> set[tuple[str, str, str]]:
    """(attribute, value, change) of the user's updates one message makes."""
    return {(u.attribute, u.value, u.change) for u in page_updates(parse([recase(text, [])])[0], "",
                                                                    "2027-03-01 10:00:00", caseless(text))}


def test_an_ailment_said_to_have_healed_or_cleared_leaves_the_health_line(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("I've got a sprained ankle from netball, what can I do to keep fit?", "Swimming with a pull buoy is kind."),
    ], [
        ("Good news, the ankle has healed and I'm back on court next week.", "Great to hear!"),
    ])
    assert "sprained ankle" in before, before
    assert not stale_lines(after, ("sprained",)), after


def test_what_is_healed_is_the_users_and_an_ailment_not_a_chore():
    assert ("user", "", "eczema", "healed") in said("My eczema has finally cleared up.")
    assert ("user", "", "headaches", "healed") in said("the headaches have gone away since I changed my glasses")
    for text in ("My sister's eczema has cleared up.", "I cleared up the shed at the weekend.",
                 "The kids are gone to their gran's for the night.", "Has the swelling gone down yet?",
                 "My hands have gone numb from the cold.", "The boy has gone off on his school trip.",
                 "Every time I pay, a penny disappears from the total."):
        assert not any(detail == "healed" for _, _, _, detail in said(text)), text


def test_a_pastime_there_is_no_time_for_any_more_or_not_done_in_months_ends():
    assert ("user", "", "knitted", "") in said("ha not knitted in ages, the allotment eats every weekend")
    assert ("user", "", "gym", "") in said("I haven't been to the gym in months.")
    for text in ("I haven't seen my sister in years.", "I didn't knit in the evenings.", "haven't heard from Tom "
                 "in ages"):
        assert not any(detail == "" and attribute == "" for _, attribute, _, detail in said(text)), text
    assert ("user", "", "paint", "") in said("I just don't get to paint anymore, the twins take every hour.")
    assert ("user", "", "knit", "") in said("Honestly I didn't have the energy to knit any more after work.")
    assert not any(value == "paint" for _, _, value, _ in said("I didn't have time to paint today."))


def test_a_thing_named_first_then_left_or_given_up_ends():
    assert ("user", "", "Darts", "") in said("Darts, I gave it up.")
    assert ("user", "", "Rugby", "") in said("Rugby I have left it, my knees are finished.")
    assert not any(change == "end" for _, _, change in _read("Yesterday I left it at the station."))


def test_a_plan_dropped_with_forget_ends_it_and_a_reminder_does_not():
    assert ("user", "", "Rome trip", "") in said("Forget the Rome trip, the flights doubled in price.")
    for text in ("Don't forget the Rome trip!", "I forgot the Rome tickets at home.", "forget it"):
        assert not any(value == "Rome trip" for _, _, value, _ in said(text)), text


def test_a_plan_called_off_with_another_booked_keeps_the_new_one(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("I'm sitting the TOEFL exam in June for my master's application.", "Good luck with the prep!"),
    ], [
        ("Forget the TOEFL, the university takes Duolingo too. So I cancelled and booked Duolingo English Test for "
         "12 June.", "Sensible, it's shorter and cheaper."),
    ])
    assert "TOEFL" in before, before
    assert "Duolingo English Test" in after and "12 Jun" in after, after
    assert not stale_lines(after, ("TOEFL",)), after


def test_a_class_called_off_for_the_day_ends_no_habit():
    assert ("user", "", "spin class", "occasion") in said("cancelled the spin class today, back on Thursday")
    assert ("user", "", "Spanish", "occasion") in said("Spanish was cancelled tonight, the tutor has flu.")


def test_a_medicine_switched_for_another_replaces_it(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("The doctor has me on atenolol for my heart rate, it makes my hands cold.", "Worth mentioning to her."),
    ], [
        ("Hands are warm again since the switch to bisoprolol, much better.", "Good to hear."),
    ])
    assert "takes atenolol" in before, before
    assert "takes bisoprolol" in after and not stale_lines(after, ("atenolol",)), after


def test_of_two_medicines_a_switch_naming_neither_old_one_keeps_both(tmp_path, local_embedder):
    _, after = _cards(tmp_path, local_embedder, [
        ("I take metformin every morning for my sugars.", "Okay."),
        ("I also take atorvastatin at night for cholesterol.", "Noted."),
    ], [
        ("Since they switched me to losartan my blood pressure is lovely.", "Good news."),
        ("The pharmacist suggested a switch to sitagliptin, I haven't switched to it yet.", "Ask your GP."),
    ])
    assert "takes metformin" in after and "takes atorvastatin" in after, after


def test_a_medicine_come_off_ends_and_is_not_taken_again():
    found = _read("I'm off the metformin now, switched to sitagliptin.")
    assert {("medication", "metformin", "end"), ("medication", "sitagliptin", "add")} <= found, found
    assert ("medication", "metformin", "add") not in found, found
    assert {("medication", "amlodipine", "end"), ("medication", "ramipril", "add")} <= _read(
        "my GP moved me from amlodipine to ramipril last month")


def _facts(tmp_path, embedder, chat: list[tuple[str, str, str]]) -> str:
    """The user's current statement facts after `chat` of (day, message, reply)."""
    memory = open_memory(tmp_path, embedder=embedder)
    for day, user, assistant in chat:
        memory.add_memory(user, assistant, timestamp=f"{day} 19:00:00")
    memory.flush()
    return " | ".join(f.knowledge for f in memory.knowledge("user"))


def test_a_plan_called_off_before_its_day_is_no_current_statement(tmp_path, local_embedder):
    current = _facts(tmp_path, local_embedder, [
        ("2027-02-01", "We're going to Krakow on 14 March for my sister's hen do.", "Fun! Pack warm."),
        ("2027-02-20", "The Krakow trip is off, the hen do moved to a spa near home.", "Shame, but a spa sounds nice."),
    ])
    assert "Krakow on 14 March" not in current, current


def test_a_plan_whose_day_came_is_still_a_statement_of_what_happened(tmp_path, local_embedder):
    current = _facts(tmp_path, local_embedder, [
        ("2027-02-01", "We're going to Krakow on 14 March for my sister's hen do.", "Fun! Pack warm."),
        ("2027-03-20", "Any tips for getting red wine out of a carpet?", "Blot, then salt."),
    ])
    assert "Krakow on 14 March" in current, current


def test_a_pastime_said_to_fill_the_users_time_is_a_hobby_from_one_mention(tmp_path, local_embedder):
    after = card_of(tmp_path, local_embedder, [
        ("any tips for a first knitting pattern? maybe a scarf", "A garter stitch scarf is perfect."),
        ("ha not knitted in ages, climbing took over my life. the bouldering wall is brutal", "It gets easier!"),
        ("Honestly my spare time goes to calligraphy these days.", "A calming one."),
        ("My brother's new thing is chess, he won't stop talking about it.", "Ha, it's catching."),
    ])
    assert "calligraphy" in after and "chess" not in after, after
    assert not stale_lines(after, ("knit",)), after


def test_an_antihistamine_given_up_leaves_the_card(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("My hay fever is awful this spring, I take cetirizine every morning.", "Keep the windows shut."),
    ], [
        ("The pollen has settled down and I don't need the cetirizine anymore.", "Good news."),
    ])
    assert "takes cetirizine" in before, before
    assert not stale_lines(after, ("cetirizine",)), after


def test_a_car_got_rid_of_leaves_and_the_one_now_driven_shows(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("Our Ford Focus needs new brake pads again, is that normal at 60k miles?", "It can be, with town driving."),
    ], [
        ("We got rid of the Ford in the end. Now we're driving a used Kia Niro and loving it.", "Nice choice."),
    ])
    assert "Ford Focus" in before, before
    assert "Kia Niro" in after and not stale_lines(after, ("Ford",)), after


def test_a_pet_said_gently_to_have_died_leaves_the_card(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("My cat Ziggy is nineteen now and sleeps all day in the laundry basket.", "Nineteen is a grand age."),
    ], [
        ("Ziggy went to sleep forever last night, in her basket.", "I'm so sorry."),
    ])
    assert "Ziggy" in before, before
    assert not stale_lines(after, ("Ziggy",)), after
    assert not any(detail == "died" for _, _, _, detail in said("The baby went to sleep at eight, finally."))
    assert not said("I finished the report with Tom.") & {("user", "", "report Tom", "")}


def test_a_statement_naming_what_the_model_closed_is_not_shown_when_the_card_falls_back(tmp_path, local_embedder):
    memory = open_memory(tmp_path, embedder=local_embedder)
    for day, user, assistant in (
            ("2027-03-10", "planning a lisbon trip in april, looking at cheap hotels", "Try Baixa or Alfama."),
            ("2027-04-03", "ok lisbon is off, flights way too $$", "What a pain, sorry!")):
        memory.add_memory(user, assistant, timestamp=f"{day} 19:00:00")
    memory.flush()
    card = memory.get_user_profile(include_knowledge=False).user_profile
    assert "lisbon" not in card.lower(), card


def test_drugs_taken_together_are_each_taken_and_one_taken_now_instead_of_another_ends_it(tmp_path, local_embedder):
    """A rule reads one drug of a sentence: the second of two taken together was lost ("amlodipine for my blood
    pressure and atorvastatin for cholesterol", "metformin and gliclazide"). A drug taken "now instead of" another,
    or swapped for it, ends that one, as does one the doctor stopped ("she stop the gliclazide"), not one asked
    about; someone else's said beside the user's is not theirs."""
    card = card_of(tmp_path, local_embedder, [
        ("I take amlodipine for my blood pressure and atorvastatin for cholesterol.", "Noted."),
        ("I'm on metformin and gliclazide for the diabetes, and ramipril 5mg and bisoprolol in the morning.", "Ok."),
        ("I'm on losartan now instead of the amlodipine, the ankles were swelling.", "Good."),
        ("I swapped the atorvastatin for rosuvastatin, fewer aches.", "Great."),
        ("I take sertraline, my husband takes citalopram.", "Noted."),
        ("Saw the GP, she stop the gliclazide because of the shaky spells. Should I stop the bisoprolol too?", "Ask.")])
    for drug in ("losartan", "rosuvastatin", "metformin", "ramipril", "bisoprolol", "sertraline"):
        assert f"takes {drug}" in card, (drug, card)
    for drug in ("amlodipine", "atorvastatin", "gliclazide", "citalopram"):
        assert f"takes {drug}" not in card, (drug, card)


def test_a_drug_beside_one_taken_or_stopped_is_not_read_so_when_the_words_say_otherwise():
    """The drugs said with one taken or stopped are read alike only when nothing says otherwise: someone else's,
    a reaction, a question, drugs tried before or wished stopped, a stop the message takes back."""
    def drugs(text: str) -> set[tuple[str, str]]:
        return {(value, change) for attribute, value, change in _read(text) if attribute == "medication"}

    assert drugs("The GP stopped the metformin and the gliclazide.") == {("metformin", "end"), ("gliclazide", "end")}
    assert drugs("The GP stopped the metformin and started me on gliclazide.") == {("metformin", "end"),
                                                                                   ("gliclazide", "add")}
    assert drugs("I take metformin, ramipril, and gliclazide.") == {("metformin", "add"), ("ramipril", "add"),
                                                                     ("gliclazide", "add")}
    for text in ("Papa had not taken his evening metformin and gliclazide.", "Mum takes her metformin and gliclazide.",
                 "I'm on ramipril, and amoxicillin - blew up like a balloon last time.",
                 "I take ibuprofen for my back. Is it ok to take ibuprofen and naproxen together?",
                 "I've tried sertraline, citalopram and fluoxetine, none of them worked.",
                 "I take ramipril. My husband is on amlodipine and atorvastatin."):
        found = drugs(text)
        assert not {("gliclazide", "add"), ("naproxen", "add"), ("amoxicillin", "add"), ("citalopram", "add"),
                    ("atorvastatin", "add")} & found, (text, found)
    for text in ("I take omeprazole because it stops the naproxen hurting my stomach.",
                 "I hope she stops the gliclazide.", "She hasn't actually stopped the gliclazide.",
                 "I take amlodipine. Dad's GP stopped the amlodipine last week.",
                 "The GP stopped the gliclazide in 2023 but I'm back on gliclazide now."):
        assert "end" not in {change for _, change in drugs(text)}, text


def test_a_pastime_bid_farewell_in_chat_idioms_ends(tmp_path, local_embedder):
    for chat, gone in (([("I go bouldering at basecamp twice a week", "Fun!"),
                         ("cancelled my basecamp membership. finger still isn't right. vale bouldering", "Sorry.")],
                        "Exercise: no longer bouldering"),
                       ([("I have been knitting for 50 years, sweaters for all the family.", "Lovely."),
                         ("I knitted a hat for my granddaughter today.", "Sweet."),
                         ("Dr Aasen says it is arthrosis in the thumb. He says I must stop with the knitting.",
                          "Ouch.")],
                        "Hobby: no longer knitting")):
        card = card_of(tmp_path / gone[:5], local_embedder, chat)
        assert gone in card, card
    for kept in ("the gym is dead tonight", "my phone is dead", "if I must stop the knitting I'll cry",
                 "is bouldering dead?", "my friend says she must stop knitting, her hands hurt",
                 "the garden is dead after the frost", "I don't think netball is dead",
                 "everyone says netball is dead but I still love it", "I have to stop running for six weeks",
                 "I need to quit smoking"):
        assert not {u for u in _read(kept) if u[2] == "end"}, kept


def test_a_pastime_ended_is_not_brought_back_by_talk_of_it_after(tmp_path, local_embedder):
    chat = [("A knitting question. My thumb hurts when I knit. I have been knitting for 50 years.", "Ouch."),
            ("I knitted a hat for my granddaughter today.", "Lovely."),
            ("Dr Aasen says it is arthrosis in the thumb. He says I must stop with the knitting.", "Sorry."),
            ("I want to give Jonas something. Before, I would knit a blanket, but the thumb says no.", "Paint?"),
            ("My thumb is happy, no knitting.", "Good.")]
    card = card_of(tmp_path, local_embedder, chat)
    assert "Hobby: no longer knitting" in card and "Activities" not in card, card
