"""What is coming up is what holds now: a plan said again on another day shows on its new day only; a correction
moves the plan it is about, not another that shares a "but" or a "not" with it."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import anyio
from mcp.client import Client

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.server.app import build_server
from memoryos_mcp.server.host import EngineHost
from memoryos_mcp.usermodel.plans import answered_when
from tests.support import open_memory
from tests.test_user_model import card, chat_memory, section
from tests.test_user_slots import card_of


def test_a_plan_moved_in_other_words_than_a_correction_shows_on_its_new_day_only(tmp_path, local_embedder):
    pages = [("We're going to Vienna for a long weekend on Friday 17 May, can't wait.", "Lovely!"),
             ("The Vienna weekend is now Friday 24 May, Bartek couldn't get the days off.", "Noted, the 24th.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "Fri 24 May" in coming and "Fri 17 May" not in coming, coming


def test_a_plan_pushed_to_another_day_in_the_past_tense_moves_and_a_day_back_in_a_month_is_none(tmp_path,
                                                                                               local_embedder):
    pages = [("My knee scan is on 14 May at the Royal, do I need to fast beforehand?", "Usually not."),
             ("the knee scan got pushed back to 28 May, staff shortages apparently", "Annoying, not long though."),
             ("Tomasz and I broke up back in June, so it's just me at the wedding.", "Noted.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "28 May" in coming and "14 May" not in coming and "Jun" not in coming, coming


def test_a_plan_said_to_be_now_on_another_day_or_instead_on_one_moves(tmp_path, local_embedder):
    pages = [("My citizenship ceremony is on 15 May at the town hall.", "Congratulations in advance!"),
             ("Our family barbecue in Ely is on Saturday 11 May.", "Fingers crossed for sun."),
             ("The council changed the ceremony, it is now on 22 May, something about the mayor.", "Ok."),
             ("Rain forecast, so the barbecue happens instead on Sunday 19 May.", "Good call."),
             ("We moved to Ely on 30 May last year and I still get lost.", "It takes a while.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "Wed 22 May" in coming and "Sun 19 May" in coming, coming
    assert "15 May" not in coming and "11 May" not in coming and "30 May" not in coming, coming


def test_a_day_corrected_in_words_that_share_none_with_the_plan_replaces_the_plan_just_said(tmp_path, local_embedder):
    pages = [("My sister lands at Stansted on Saturday 18 May.", "Lovely."),
             ("The passport interview is on 20 May in Croydon. No, excuse me, it is 21 May, I misread the letter.",
              "Noted, the 21st.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "Tue 21 May" in coming and "Sat 18 May" in coming and "20 May" not in coming, coming


def test_a_correction_moves_its_own_plan_and_leaves_another(tmp_path, local_embedder):
    pages = [("My brother flies in on Saturday 18 May but not straight to us, he's seeing Mum first.", "Nice."),
             ("My viva is on Tuesday 14 May at 10.", "Good luck!"),
             ("Correction, but not a big one: the viva is on Wednesday 15 May, not the 14th.", "Noted: the 15th.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "Sat 18 May" in coming and "Wed 15 May" in coming and "Tue 14 May" not in coming, coming


def test_a_plan_corrected_reads_as_the_plan_without_the_correcting_words_or_the_old_day(tmp_path, local_embedder):
    pages = [("I take the sleeper train to Inverness on Thursday 16 May.", "Sounds fun."),
             ("Correction!! the Inverness sleeper is 17 May, not 16 May", "Thanks, the 17th then.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "Fri 17 May" in coming and "Inverness sleeper" in coming, coming
    assert "16" not in coming and "orrection" not in coming and ", not" not in coming, coming


def test_a_plan_on_a_weekday_alone_is_the_coming_one_and_a_past_weekend_no_plan(tmp_path, local_embedder):
    pages = [("Quiet week so far.", "Enjoy it."),
             ("I have the optician on Friday, then we're seeing Lankum on Saturday!", "Great band live."),
             ("On Sunday we walked up to the lighthouse.", "Lovely.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages)), "Coming up")
    assert "Fri 3 May" in coming and "optician" in coming.lower()
    assert "lighthouse" not in coming.lower()


def test_a_day_given_alone_to_when_is_it_dates_what_was_said_before(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("finally booked the boiler service", "Good call before winter. When is the engineer coming?"),
        ("next tuesday", "Great, I'd clear the area around the boiler first."),
        ("I signed up for the pottery taster", "Sounds fun! Did you pick a glaze?"),
        ("friday", "Nice."),
    ], month="2026-10")
    assert "Tue 6 Oct: Finally booked the boiler service" in card, card
    assert "pottery" not in card.lower(), card  # "friday" answers no question of when


def test_a_day_given_to_when_was_it_is_no_plan(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I want to work out my rising sign", "Happy to help. When were you born?"),
        ("4th of november", "Then you are a Scorpio sun."),
    ], month="2026-10")
    assert "Coming up" not in card, card


def test_a_day_given_to_when_is_it_dates_what_was_said_after_the_greeting_on_the_day_said(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("we're throwing a surprise party for my dad", "Fun! When is it?"),
        ("4th of november", "Lots of time to plan."),
        ("hiya! my cousin is getting married and I'm doing a reading", "How lovely! When is the wedding?"),
        ("may 22", "Plenty of time to practise."),
    ], month="2026-10")
    assert "22 May: Their cousin is getting married" in card and "Hiya" not in card, card
    assert "4 Nov: Throwing a surprise party" in card, card


def test_a_day_a_thing_is_dated_is_no_plan_next_year(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("the gas bill dated 4 January is still wrong and nobody replies", "That's annoying."),
        ("the parking fine dated 9 January is for a car I sold", "You can appeal it."),
    ], month="2027-03")
    assert "Coming up" not in card, card


def test_a_day_answered_with_its_clock_time_is_that_day_not_the_hours_date():
    said_on = datetime(2026, 4, 1, 10)  # a Wednesday
    for answer, day in (("next tuesday at 3", "2026-04-07"), ("monday morning", "2026-04-06"),
                        ("friday at 10", "2026-04-03"), ("the 14th at 9:30", "2026-04-14")):
        [plan] = answered_when(parse([answer])[0], "Congrats! When is it?", "I got the interview!", said_on)
        assert plan.when == day, answer


def test_a_day_said_in_words_or_as_a_weekday_and_a_day_of_the_month_is_the_plan_s_day(tmp_path, local_embedder):
    pages = [("Amara turns ten on july third, I want to take her to Holiday World for it.", "Great idea."),
             ("Dr Raman wants a telehealth follow up on july eighth, can I do that from the truck or is that "
              "weird", "Yes."),
             ("Booked the dentist for tuesday the 4th, first slot they had.", "Good.")]  # said Fri 3 May 2024
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "Wed 3 Jul: Amara turns ten" in coming and "Mon 8 Jul: Dr Raman" in coming, coming
    assert "Tue 4 Jun: Booked the dentist" in coming, coming  # 4 May 2024 is a Saturday


def test_two_days_said_in_two_clauses_are_two_plans_and_a_trip_out_and_back_is_one(tmp_path, local_embedder):
    pages = [("my medical card expires july 2nd and they want the cpap report, booked my DOT physical for tuesday "
              "the 25th at a clinic in Murfreesboro.", "Bring the compliance report."),
             ("Booked the Seville flights: Leeds Bradford thurs 30 May 6:50am, back mon 3 June", "Lovely."),
             ("Diesel's rabies tag expires 20 July, I need a new vet in Murfreesboro.", "Book it soon."),
             ("Leaving for Rome on 12 July, coming back on 19 July.", "Lovely.")]
    coming = section(card(chat_memory(tmp_path, local_embedder, pages=pages)), "Coming up")
    assert "Tue 25 Jun: Booked their DOT physical at a clinic in Murfreesboro" in coming, coming
    assert "Tue 2 Jul: Their medical card expires" in coming and "Sat 20 Jul: Diesel's rabies" in coming, coming
    assert "Thu 30 May: Booked the Seville flights" in coming and "3 Jun" not in coming.replace("3 June", ""), coming
    assert "Fri 12 Jul: Leaving for Rome, coming back on 19 July" in coming and "Fri 19 Jul" not in coming, coming
    pages = [("My sister arrives on 10 August, she has her scan on 14 August.", "Busy month.")]
    coming = section(card(chat_memory(tmp_path / "two", local_embedder, pages=pages)), "Coming up")
    assert "Sat 10 Aug: Their sister arrives" in coming and "Wed 14 Aug: She has her scan" in coming, coming


#: Today as the server reads it (UTC, as pages are stored), once for the tests of this file.
TODAY = datetime.now(timezone.utc).replace(tzinfo=None)


def _day(offset: int) -> datetime:
    return TODAY + timedelta(days=offset)


def _said(offset: int) -> str:
    """A day as said in a message: "Friday 27 November"."""
    day = _day(offset)
    return f"{day:%A} {day.day} {day:%B}"


def test_the_card_read_days_after_the_last_page_is_the_card_of_that_day(tmp_path, local_embedder):
    """A card is written when pages are learnt from. Read two weeks after the last page (get_user_profile over MCP,
    today), a plan and a promise past by then are no longer coming up or open and a move of 100 days ago is no
    recent change, while the plan still ahead is there; retrieve_memory's card is that of its reference_time."""
    last = _day(-14)
    pages = [("I live in Glasgow, in a flat in Partick.", "Nice part of town.", -130),
             ("We moved to Leith from Glasgow last week, boxes everywhere.", "Welcome to Leith!", -100),
             (f"The dentist is on {_said(-7)}, the check-up I keep putting off.", "Good, get it done.", -20),
             (f"Our trip to Skye is on {_said(10)}, two nights in Portree.", "Lovely!", -15),
             ("The council tax form is due soon.", f"I'll remind you on {_said(-5)} to send the council tax form.",
              -14)]
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=2)
    for user, assistant, offset in pages:
        memory.add_memory(user, assistant, timestamp=f"{_day(offset):%Y-%m-%d} 09:00:00")
    memory.flush()
    written = card(memory)  # as written on the day of the last page

    async def scenario() -> tuple[str, str, str]:
        server = build_server(EngineHost(memory.config, "in-memory", factory=lambda _config: memory))
        async with Client(server, mode="legacy") as client:
            today = (await client.call_tool("get_user_profile", {"include_knowledge": False})).structured_content
            asked = {"query": "When is the dentist?"}
            then = (await client.call_tool("retrieve_memory", asked | {"reference_time": f"{last:%Y-%m-%d}"}))
            now = (await client.call_tool("retrieve_memory", asked))
        return today["user_profile"], then.structured_content["user_profile"], now.structured_content["user_profile"]

    today, then, now = anyio.run(scenario)
    for past in ("dentist", "council tax", "Leith since"):
        assert past in written and past in then, (past, written)
        assert past not in today and past not in now, (past, today)
    assert "Skye" in today and "Skye" in now, today


def test_a_plan_deleted_or_learnt_after_a_later_day_s_card_was_read_is_gone_from_it_or_on_it(tmp_path,
                                                                                           local_embedder):
    """The card for a later day shows plans the stored one had no room for (five at most): the sixth and seventh
    come up once the first are past. A page deleted, or a plan learnt, after that card was read changes it, though
    the stored card reads the same."""
    events = ["dentist check", "haircut", "car service", "piano lesson", "tax meeting", "team lunch",
              "vet check"]  # none more notable than another (card._notable): the soonest come first
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=2)
    ids = []
    for n, event in sorted(enumerate(events), key=lambda item: item[0] != 6):  # the vet check said first
        day = datetime(2027, 3, 10 + n)
        ids += memory.add_memories([{"user_input": f"My {event} is on {day:%A} {day.day} March.",
                                     "agent_response": "Noted.", "timestamp": f"2027-03-0{len(ids) + 1} 09:00:00"}])
    memory.flush()

    def coming(day: str) -> str:
        return section(memory.get_user_profile(include_knowledge=False, reference_time=day).user_profile, "Coming up")

    assert "vet check" not in coming("2027-03-07") and "vet check" in coming("2027-03-12")
    memory.delete_memory([ids[0]])
    memory.flush()
    assert "vet check" not in coming("2027-03-12")
    memory.add_memory("My book club is on Wednesday 17 March.", "Noted.", timestamp="2027-03-07 10:00:00")
    memory.flush()
    assert "book club" not in coming("2027-03-07") and "book club" in coming("2027-03-12")
    memory.close()
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=2)  # read first after a restart
    assert "book club" in coming("2027-03-12") and "vet check" not in coming("2027-03-12")
    memory.close()


def test_a_profile_a_language_model_wrote_is_read_as_written_on_a_later_day(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder, pages=[("My dentist appointment is on Friday 10 May.", "Ok.")])
    written = "Who they are: someone with a dentist appointment on Friday 10 May, as a language model wrote it."
    with memory.store.transaction():
        assert memory.long.set_profile(written, "2024-05-01 09:00:00")
    assert memory.get_user_profile(include_knowledge=False, reference_time="2024-06-01").user_profile == written
    memory.close()
    memory = open_memory(tmp_path, embedder=local_embedder)
    assert memory.get_user_profile(include_knowledge=False, reference_time="2024-06-01").user_profile == written
    memory.close()


def test_coming_up_lists_the_notable_plans_a_person_would_name_soonest_first(tmp_path, local_embedder):
    """Of more plans than the card has room for, the trip and the appointment are listed, not the errands said
    for sooner days nor a supposition ("If we finish the fence by Friday ...")."""
    said = ["I'm picking up the dry cleaning on Tuesday 2 March.", "Bins go out on Wednesday 3 March.",
            "If we finish the fence by Friday 5 March we'll paint it.", "Gutters get cleaned on Saturday 6 March.",
            "I'll sort the garage on Sunday 7 March.", "I'm renewing the car tax on Monday 8 March.",
            "We booked a holiday in Tenby, Saturday 14 August to Saturday 21 August!",
            "My dentist appointment is on Thursday 25 March."]
    memory = open_memory(tmp_path, embedder=local_embedder, short_term_capacity=2)
    memory.add_memories([{"user_input": text, "agent_response": "Noted.", "timestamp": f"2027-02-{day:02d} 09:00:00"}
                         for day, text in enumerate(said, start=10)])
    memory.flush()
    coming = section(memory.get_user_profile(include_knowledge=False, reference_time="2027-03-01").user_profile,
                     "Coming up")
    assert "Tenby" in coming and "dentist" in coming and "fence" not in coming, coming
    lines = coming.splitlines()[1:]
    assert lines.index(next(line for line in lines if "dentist" in line)) < lines.index(
        next(line for line in lines if "Tenby" in line)), coming  # soonest first
    memory.close()
