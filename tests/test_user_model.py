"""The user model through the engine: typed, dated values learnt from every page at once, closed when they
change, and the profile card written from them."""

from __future__ import annotations

from memoryos_mcp.language.nlp import resolve_date
from tests.support import open_memory

#: A short realistic chat: a job change, a move, a correction, promises made and kept, plans.
CHAT = [
    ("Hi! I'm Clara", "Hi Clara, nice to meet you! What do you do?"),
    ("I'm a nurse at St James's hospital. I live in Chorlton.", "Chorlton is lovely. Nursing is hard work."),
    ("my sister ines lives in porto", "How lovely to have Ines in Porto!"),
    ("My brother lives in Cork.", "Cork is a great city."),
    ("I'm vegan and allergic to peanuts. My favourite band is Big Thief.", "Noted: vegan, peanut allergy."),
    ("My appointment is at 8:40 next Tuesday: the dentist, finally.", "Good luck at the dentist on Tuesday."),
    ("Reading The Dispossessed by Ursula K. Le Guin. Such a good book.", "A classic!"),
    ("Give me a motivational quote for the morning please.", "Every morning is a fresh start."),
    ("Can you send me a packing list for Porto?", "Sure. I'll send you a packing list on Friday 10 May."),
    ("Mum's birthday is on the 9th of October, we're doing a picnic.", "Lovely, a picnic sounds perfect."),
    ("Actually my brother lives in Dublin, not Cork.",
     "Thanks for correcting me: Dublin it is. Where are your parents?"),
    ("In Braga, with my dad Rui.", "Braga is beautiful."),
    ("Friday!", "Happy Friday! As promised, here's your packing list for Porto: passport, adapter, sunscreen."),
    ("First day at Ouse Bank Clinic today! I'm a diabetes specialist nurse now.", "Congratulations on the new job!"),
    ("I'll be in Porto from Saturday 8 June, can't wait.", "I'll remind you on Friday 7 June to check in online."),
]


def chat_memory(tmp_path, local_embedder, pages=CHAT, **settings):
    memory = open_memory(tmp_path, embedder=local_embedder, **settings)
    for day, (user, assistant) in enumerate(pages, start=1):
        memory.add_memory(user, assistant, timestamp=f"2024-05-{day:02d} 09:00:00")
    memory.flush()
    return memory


def card(memory) -> str:
    """The card as read on the day of the latest page."""
    day = memory.model.latest_day() or None  # none when no page is left
    return memory.get_user_profile(include_knowledge=False, reference_time=day).user_profile


def section(text: str, title: str) -> str:
    """The lines of one card section."""
    lines = text.splitlines()
    start = next(n for n, line in enumerate(lines) if line.startswith(title))
    end = next((n for n in range(start + 1, len(lines)) if not lines[n].startswith("- ")), len(lines))
    return "\n".join(lines[start:end])


def test_first_exchanges_are_learnt_at_once_not_when_they_leave_short_term_memory(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder, CHAT[:2])  # short-term capacity 10: nothing has moved on
    status = memory.status()
    assert status["short_term_pages"] == 2 and status["learning_backlog"] == 0
    assert card(memory).startswith("Who they are: Clara; lives in Chorlton; works as nurse at St James's")
    assert any("Chorlton" in fact.knowledge for fact in memory.knowledge("user"))


def test_the_card_shows_current_values_by_attribute_with_the_recent_change(tmp_path, local_embedder):
    text = card(chat_memory(tmp_path, local_embedder))
    assert "works as diabetes specialist nurse at Ouse Bank Clinic" in section(text, "Who they are")
    assert "St James" not in section(text, "Who they are")
    assert "Works at: Ouse Bank Clinic since Tue 14 May; before: St James's" in section(text, "Recent changes")
    assert section(text, "Health and diet") == "Health and diet: vegan; allergic to peanuts."
    assert "favourite band: Big Thief" in section(text, "Activities and favourites")
    people = section(text, "People and pets")
    assert "Ines (sister): lives in Porto" in people and "lives in Dublin" in people and "Cork" not in people
    assert "motivational" not in text and len(text) <= 1500


def test_a_stale_employer_is_history_and_not_served_as_current(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    current = " | ".join(f.knowledge for f in memory.knowledge("user"))
    assert "St James" not in current
    old = [f for f in memory.knowledge("user", include_history=True) if "St James" in f.knowledge]
    assert old and all(f.status == "superseded" for f in old)
    assert memory.status()["facts_superseded"] >= 1
    found = memory.retrieve("Where do I work now?").retrieved_user_knowledge
    assert all("St James" not in item.knowledge for item in found)


def test_a_promise_closes_when_kept_and_an_open_one_is_listed_with_its_date(tmp_path, local_embedder):
    text = card(chat_memory(tmp_path, local_embedder))
    commitments = section(text, "Open commitments")
    assert "packing list" not in text
    assert "Remind the user on Friday 7 June to check in online (by Fri 7 Jun)" in commitments


def test_plans_are_dated_from_the_message_and_passed_ones_leave_the_card(tmp_path, local_embedder):
    text = section(card(chat_memory(tmp_path, local_embedder)), "Coming up")
    assert "Sat 8 Jun:" in text and "Wed 9 Oct: Mum's birthday is on the 9th of October" in text
    assert "dentist" not in text  # Tuesday 7 May has gone by on 14 May


def test_extraction_keeps_clock_times_initials_names_and_the_subject_of_answers(tmp_path, local_embedder):
    facts = " | ".join(f.knowledge for f in chat_memory(tmp_path, local_embedder).knowledge("user"))
    assert "8:40" in facts and "at 8 " not in facts
    assert "Ursula K. Le Guin" in facts
    assert "Ines" in facts and "ines" not in facts
    assert "motivational quote" not in facts  # a request, not a fact
    assert 'asked "Where are the user\'s parents?", answered: In Braga, with their dad Rui' in facts


def test_deleting_the_page_that_changed_a_value_reopens_the_old_one_and_forget_all_clears_the_model(
        tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder)
    new_job = memory.store.query("SELECT id FROM pages WHERE user_input LIKE 'First day%'")[0]["id"]
    memory.delete_memory([new_job])
    text = card(memory)
    assert "Ouse Bank" not in text and "works as nurse at St James's" in text
    memory.forget_all("DELETE ALL")
    assert card(memory) == "" and memory.model.values() == []


def test_the_card_is_stable_for_the_same_data(tmp_path, local_embedder):
    first = card(chat_memory(tmp_path / "a", local_embedder))
    second = card(chat_memory(tmp_path / "b", local_embedder))
    assert first == second


def test_dates_are_resolved_against_when_they_were_said():
    from datetime import datetime

    said = datetime(2026, 4, 25, 10, 0)
    assert resolve_date("next Tuesday", said).isoformat() == "2026-04-28"
    assert resolve_date("the 9th of October", said).isoformat() == "2026-10-09"
    assert resolve_date("thurs 28 may", said).isoformat() == "2026-05-28"
    assert resolve_date("the 21st", datetime(2027, 3, 30)).isoformat() == "2027-04-21"
    assert resolve_date("six years", said) is None


def test_a_page_learnt_again_for_its_facts_does_not_bring_back_a_value_a_later_page_closed(tmp_path, local_embedder):
    memory = chat_memory(tmp_path, local_embedder, pages=[("I live in Lisbon.", "Nice."),
                                                          ("I moved to Porto last week.", "Exciting!")])
    lisbon = min(memory.pages.ids("short") + memory.pages.ids("mid"))
    memory.pages.learn_again([lisbon])
    memory.flush()
    homes = [v.value for v in memory.model.values(current_only=True) if v.attribute == "home"]
    assert homes == ["Porto"], homes
    memory.close()


#: A voice that mostly asks for things and says who it is in passing: inside requests, in drafted text, in a
#: signature, as habits, by a pronoun; a plan turned down and one called off.
ASKING_CHAT = [
    ("Could you look over this message to my landlord? The boiler is broken again. Thanks, Carmen",
     "Of course. Here's a clearer version of your message."),
    ("I'm a radiographer at Fremantle Hospital, can you help me plan a week of night shifts?",
     "Sure: sleep before the first one, and keep the same anchor sleep every day."),
    ("Mum (Rosa) is coming to stay on Saturday 18 May, what should I cook?", "A paella would be lovely for Rosa."),
    ("any tips for my asthma in the cold?", "Keep your inhaler warm and cover your mouth with a scarf."),
    ("I swim three times a week now. Our greyhound Pippa is jealous.", "Ha, Pippa will survive."),
    ("Hozier announced a show in Perth!! they're my favourite singer", "Fingers crossed for tickets!"),
    ("Jo invited us to her wedding in Bali on 20 June but we said no, too far.", "Understandable."),
    ("Dinner at Lucia's on Friday 24 May, booked it.", "Enjoy Lucia's!"),
    ("We cancelled the dinner at Lucia's, Rosa isn't well.", "Sorry to hear that. I hope Rosa feels better."),
    ("Handed in my notice today!!", "Big step! How do you feel?"),
]


def test_who_the_user_is_is_read_from_requests_signatures_habits_and_pronouns(tmp_path, local_embedder):
    text = card(chat_memory(tmp_path, local_embedder, pages=ASKING_CHAT))
    assert text.startswith("Who they are: Carmen; works as radiographer."), text
    assert "Fremantle Hospital" in section(text, "Recent changes")  # the notice closed the employer
    people = section(text, "People and pets")
    assert "Rosa (mum)" in people and "Pippa (greyhound)" in people, text
    assert "asthma" in section(text, "Health and diet"), text
    activities = section(text, "Activities and favourites")
    assert "swimming" in activities and "favourite singer: Hozier" in activities, text
    assert "Bali" not in text and "Lucia" not in text, text  # declined, then called off
    assert "Sat 18 May" in section(text, "Coming up"), text


def test_a_plan_moved_in_passing_shows_on_its_new_day_and_the_user_s_age_is_who_they_are(tmp_path, local_embedder):
    pages = [("salut! i'm léa, i have 24 years", "Salut Léa!"),
             ("Dentist appointment on Monday 13 May at 10, finally getting the tooth fixed.", "Good luck!"),
             ("Theo's got a football tournament with his new school, Saturday 18 May", "Go Theo!"),
             ("oh and the dentist is Tuesday not Monday, can you move the reminder?", "Done: Tuesday 14 May.")]
    text = card(chat_memory(tmp_path, local_embedder, pages=pages))
    assert text.startswith("Who they are: Léa; age 24."), text
    coming = section(text, "Coming up")
    assert "- Tue 14 May: Dentist appointment at 10" in coming and "Mon 13 May" not in coming, text
    assert "- Sat 18 May: Theo's got a football tournament with his new school\n" in coming + "\n", text


def test_a_closed_value_makes_history_of_the_fact_that_set_it_not_of_later_days_that_spoke_of_it(
        tmp_path, local_embedder, backend):
    """A new sport closes yoga, but the day the user bought props for the yoga class still happened (LoCoMo's
    yoga teacher lost ten such facts to one morning jog)."""
    pages = [("I do yoga three times a week.", "Yoga three times a week is a great habit."),
             ("I bought new props for my yoga class, blocks and a strap.", "Nice, blocks and a strap help a lot."),
             ("I've switched from yoga to swimming now, three times a week.", "Swimming is great exercise.")]
    memory = chat_memory(tmp_path, local_embedder, pages)
    assert "yoga" not in card(memory).split("Recent changes")[0].lower()
    assert any("props" in fact.knowledge for fact in memory.knowledge("user"))


def test_each_recent_change_names_the_value_that_followed_not_todays(tmp_path, local_embedder):
    pages = [("I'm a junior analyst at Corvane, mostly spreadsheets.", "Sounds like a good start."),
             ("Got promoted to team lead today!", "Well deserved!"),
             ("As of today I'm an engineering manager. Two steps in a month!", "That's fast, congratulations.")]
    changes = section(card(chat_memory(tmp_path, local_embedder, pages)), "Recent changes")
    assert "Job: engineering manager since Fri 3 May; before: team lead" in changes
    assert "Job: team lead from Thu 2 May until Fri 3 May; before: junior analyst" in changes
    assert "engineering manager since Thu 2 May" not in changes
