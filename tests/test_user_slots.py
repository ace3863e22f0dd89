"""The user's own slots in any voice: a job said beside its employer, where the employer and an activity are,
a home said in lower case, and a correction that names only the old value; then the card through the engine."""

from __future__ import annotations

from memoryos_mcp.language.nlp import MAX_SENTENCE, parse
from memoryos_mcp.records import Value
from memoryos_mcp.usermodel.apply import apply
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase
from memoryos_mcp.usermodel.hobbies import Hobbies
from memoryos_mcp.usermodel.homes import Homes
from memoryos_mcp.usermodel.house_rules import house_rules
from memoryos_mcp.usermodel.work import Work
from tests.support import open_memory
from tests.test_user_model import card


def said(text: str, reply: str = "", question: str = "") -> set[tuple[str, str, str, str]]:
    """(subject, attribute, value, detail) of what one message says, as the learner reads it (after the assistant's
    `question`, when it answers one)."""
    text_ = recase(text, [reply])
    return {(u.subject, u.attribute, u.value, u.detail)
            for u in page_updates(parse([text_])[0], question, "2027-03-01 10:00:00", caseless(text), reply=reply)}


def test_a_job_said_beside_the_employer_is_the_job():
    assert ("user", "job", "pharmacy tech", "") in said("ok cool. i work at HEB, pharmacy tech. shifts r all over")
    assert ("user", "job", "store manager", "") in said("I work at Lidl, store manager.")
    found = said("I am working at Siemens, software developer, since 2019.")
    assert {("user", "employer", "Siemens", ""), ("user", "job", "software developer", "")} <= found


def test_where_the_employer_is_comes_with_it():
    assert ("user", "employer", "Tessela", "Lisbon") in said(
        "I'm Sam, backend engineer at Tessela, a fintech startup in Lisbon.")
    assert ("user", "employer", "LMU", "Martinsried") in said(
        "Prof. Brandl just emailed: postdoc at LMU, based at the Biocenter in Martinsried, starting 1 June.")
    assert ("user", "employer", "Kenya Power", "Nairobi") in said(
        "I work at Kenya Power, a utility company in Nairobi, as a logistics manager.")
    assert ("user", "employer", "Porsche", "") in said("First day at Porsche finished. Very big building.")


def test_an_activity_keeps_the_place_it_is_done_at():
    assert ("user", "exercise", "aqua aerobics", "Leisureland") in said(
        "I've signed up for aqua aerobics at Leisureland in Salthill, Mondays and Fridays at half eleven.")
    assert ("user", "exercise", "swimming", "Stadtbad Heslach") in said(
        "I stop badminton, elbow is too bad. Now I go swimming at Stadtbad Heslach two times in week.")
    assert ("user", "exercise", "boxing", "Rocky's Gym") in said("started boxing at Rocky's Gym on tuesdays")
    assert ("user", "exercise", "boxing", "") in said("started boxing at a gym on 19th st")


def test_a_home_said_in_lower_case_after_our_flat_is_a_home():
    assert ("user", "home", "Arroios", "") in said("coffee from the roaster, 2 min from our flat in arroios. best")
    assert ("user", "home", "Didsbury", "") in said("our house in didsbury is freezing")
    assert not {u for u in said("our flat in town is tiny") if u[1] == "home"}
    assert not {u for u in said("our flat in the centre is tiny") if u[1] == "home"}


def _values(*rows: tuple[str, str, str]) -> list[Value]:
    return [Value(n, subject, attribute, value, "", None, "2026-09-01", None, "current")
            for n, (subject, attribute, value) in enumerate(rows, start=1)]


def test_a_correction_naming_only_the_values_corrects_whoever_holds_the_old_one():
    for text, subject, new in (
            ("I said Róisín was seven. Sinéad was mortified: actually she's eight, not seven.", "Róisín", "eight"),
            ("sorry, he's 9, not 8", "Bao", "9"),
            ("no wait, it's Leith, not Portobello", "brother", "Leith")):
        current = _values(("Sinéad", "role", "daughter"), ("Róisín", "age", "seven"), ("Bao", "age", "8"),
                          ("brother", "home", "Portobello"))
        updates = page_updates(parse([text])[0], "", "2026-11-02 10:00:00", caseless(text), last_person=["Sinéad:f"])
        changes = apply(current, updates, "2026-11-02")
        assert [(v.subject, v.value) for v in changes.added] == [(subject, new)], text
        assert len(changes.closed) == 1, text


def test_x_not_y_corrects_only_when_said_as_a_correction():
    current = _values(("User", "name", "Maria"), ("Lily", "age", "seven"), ("User", "home", "Cork"))
    for text in ("I'm going to the cinema with Anna, not Maria.", "I ordered eight, not seven.",
                 "The match is in Dublin, not Cork.", "we want the blue one for Lily - eight, not seven"):
        updates = page_updates(parse([text])[0], "", "2026-11-02 10:00:00", caseless(text))
        changes = apply([*current], updates, "2026-11-02")
        assert not changes.closed, (text, changes)
    for text, new in (("my bad, she's 8, not 7", "8"), ("i meant eight not seven", "eight"),
                      ("Correction: Lily is eight, not seven.", "eight")):
        current = _values(("Lily", "age", "7" if "7" in text else "seven"))
        updates = page_updates(parse([text])[0], "", "2026-11-02 10:00:00", caseless(text), last_person=["Lily:f"])
        changes = apply(current, updates, "2026-11-02")
        assert [(v.subject, v.value) for v in changes.added] == [("Lily", new)], text


def test_the_new_value_of_a_correction_starts_a_word_so_a_long_run_of_letters_is_read_once():
    from memoryos_mcp.usermodel.corrections import _NEW_NOT_OLD
    assert _NEW_NOT_OLD.match("sorry, he's 9, not 8", 12) is not None
    assert _NEW_NOT_OLD.match("x9, not 8", 1) is None  # not from inside "x9": each start would read to the run's end
    assert _NEW_NOT_OLD.search("actually she's eight, not seven.").group("new", "old") == ("eight", "seven")


def test_an_old_value_two_people_hold_is_left_alone():
    current = _values(("Esme", "age", "seven"), ("Moss", "age", "seven"))
    text = "actually she's eight, not seven"
    changes = apply(current, page_updates(parse([text])[0], "", "2026-11-02 10:00:00", False), "2026-11-02")
    assert not changes.added and not changes.closed


def card_of(tmp_path, local_embedder, chat: list[tuple[str, str]], month: str = "2026-11") -> str:
    """The card after `chat`, one exchange a day, read through the engine on the day of the last."""
    memory = open_memory(tmp_path, embedder=local_embedder)
    for day, (user, assistant) in enumerate(chat, start=1):
        memory.add_memory(user, assistant, timestamp=f"{month}-{day:02d} 09:00:00")
    memory.flush()
    return card(memory)


CHAT = [
    ("hey. dani here", "Hey Dani!"),
    ("ok cool. i work at HEB, pharmacy tech. shifts r all over the place", "Pharmacy tech, got it."),
    ("Sinéad is bringing the grandchildren. Róisín is seven and Cian is four.", "Lovely!"),
    ("I said Róisín was seven. Sinéad was mortified: actually she's eight, not seven.", "Róisín is eight, noted."),
    ("I've signed up for aqua aerobics at Leisureland, Mondays and Fridays.", "Ideal for a new hip."),
    ("coffee in bed from the roaster, 2 min from our flat in arroios", "That's love."),
]


def test_the_card_shows_the_job_the_place_of_an_activity_the_home_and_the_corrected_age(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, CHAT)
    assert card.startswith("Who they are: Dani; lives in Arroios (flat); works as pharmacy tech at HEB."), card
    assert "aqua aerobics at Leisureland" in card, card
    assert "Róisín: age eight" in card and "seven" not in card, card


def homes_read(messages: list[str]) -> list[set[tuple[str, str]]]:
    """The homes each message gives the user, read in order by one learner's memory of dwellings."""
    homes, found = Homes(), []
    for text in messages:
        sentences = parse([recase(text, [])])[0]
        updates = homes.read(sentences, page_updates(sentences, "", "2026-10-07 10:00:00", caseless(text)))
        found.append({(u.value, u.detail) for u in updates if u.subject == "user" and u.attribute == "home"})
    return found


def test_a_home_comes_with_the_dwelling_and_street_named_in_earlier_messages():
    assert homes_read(["We viewed a bungalow in Barna yesterday, on the Forramoyle road.",
                       "Our offer on the Barna bungalow was accepted!",
                       "We're in. Friday the 27th of November, our first night in Barna."])[-1] == {
        ("Barna", "bungalow, Forramoyle road")}
    assert homes_read(["signed a lease!! 3½ on rue de castelnau in villeray, 1250$ heated. from 1 july",
                       "DONE. 1 july, i live in villeray now!!"])[-1] == {("Villeray", "Rue de Castelnau")}
    assert homes_read(["We have exchanged contracts on a cottage in Grasmere.",
                       "Our first week in Grasmere has been blissfully quiet."])[-1] == {("Grasmere", "cottage")}
    assert homes_read(["coffee from the roaster on rua morais soares, 2 min from our flat in arroios"]) == [
        {("Arroios", "flat")}]  # the roaster's street is not the flat's


def test_a_first_night_somewhere_no_dwelling_was_named_is_no_home():
    assert homes_read(["Our first night in Paris was magical!"]) == [set()]
    assert homes_read(["We booked a hotel in Rome.", "Our first night in Rome, pasta everywhere."])[-1] == set()


def test_a_slimming_programme_is_the_diet():
    assert ("user", "diet", "Slimming World", "") in said(
        "She said I should lose a bit of weight before the operation, so I've joined Slimming World at the hall.")
    assert ("user", "diet", "weight watchers", "") in said("doing weight watchers again, 3rd time lucky")
    assert ("user", "diet", "Fitbod Club", "") in said("trying to lose some weight so joined Fitbod Club")
    assert not {u for u in said("I joined Arup last week") if u[1] == "diet"}


def hobbies_read(messages: list[tuple[str, str]]) -> set[tuple[str, str]]:
    hobbies, found = Hobbies(), set()
    for day, text in messages:
        found |= {(u.value, u.detail) for u in hobbies.read(parse([recase(text, [])])[0], day)}
    return found


def test_a_pastime_spoken_of_on_two_days_is_a_hobby():
    assert hobbies_read([("2026-09-09", "The garden is my pride and joy."),
                         ("2026-10-08", "How do I make a raised bed? I'd like two in the new garden.")]) == {
        ("gardening", "")}
    assert hobbies_read([("2026-11-03", "Sinéad bought me a watercolour set and a pad."),
                         ("2026-11-14", "I painted my first picture. Donal thought it was a fried egg.")]) == {
        ("painting", "watercolour")}
    assert hobbies_read([("2027-01-02", "did some knitting tonight, so relaxing"),
                         ("2027-01-09", "knitting a hat for my niece")]) == {("knitting", "")}


def test_one_mention_or_someone_elses_pastime_is_no_hobby():
    assert hobbies_read([("2027-01-02", "did some knitting tonight"), ("2027-01-02", "more knitting, I love it")]) \
        == set()
    assert hobbies_read([("2027-05-01", "Euan has started stress-baking: three loaves on our counter."),
                         ("2027-05-02", "Euan baked again, our kitchen is a bakery.")]) == set()
    assert hobbies_read([("2026-11-21", "Sinéad and Paul spent the day painting the spare room."),
                         ("2026-11-22", "Paul painted the hall too.")]) == set()


STORY = [
    ("German class tonight was brutal. I'm doing an online A1 course with the Goethe-Institut.", "Viel Glück!"),
    ("Passed my A1! Already signed up for an A2 course at the Volkshochschule.", "Herzlichen Glückwunsch!"),
    ("We viewed a bungalow in Barna yesterday, on the Forramoyle road.", "Lovely!"),
    ("To lose a bit of weight before the operation I've joined Slimming World.", "Great idea."),
    ("We're in. Our first night in Barna.", "Congratulations on the move!"),
    ("The garden is my pride and joy.", "It sounds lovely."),
    ("How do I make a raised bed for the garden?", "Here's how."),
]


def test_the_card_shows_home_diet_hobby_and_the_language_learnt(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, STORY)
    assert card.startswith("Who they are: lives in Barna (bungalow, Forramoyle road)."), card
    assert "Health and diet: Slimming World." in card, card
    assert "learning German: A2 course at the Volkshochschule" in card and "gardening" in card, card


def work_read(messages: list[tuple[str, str]]) -> list[set[tuple[str, str]]]:
    """The job and hours each message gives the user, read in order by one learner's memory of prospects."""
    work, found = Work(), []
    for day, text in messages:
        sentences = parse([recase(text, [])])[0]
        updates = work.read(sentences, page_updates(sentences, "", f"{day} 10:00:00", caseless(text)), day)
        found.append({(u.attribute, u.value) for u in updates
                      if u.subject == "user" and u.attribute in ("job", "hours")})
    return found


def test_a_job_looked_at_becomes_the_job_when_the_employer_changes():
    assert work_read([("2026-01-28", "saw a job advert. diabetes specialist nurse at a clinic in york. days."),
                      ("2026-01-31", "its called ouse bank clinic. band 6 so a band up")])[-1] == {
        ("job", "diabetes specialist nurse")}
    # the manager met at the interview is no job looked at ("manager is called gill")
    assert work_read([("2026-01-28", "saw a job advert. diabetes specialist nurse at a clinic in york. days."),
                      ("2026-02-11", "interview done. think it went ok?? manager is called gill, she was lovely."),
                      ("2026-03-23", "first day at Ouse Bank done. everyone's nice, gill showed me round")])[-1] == {
        ("job", "diabetes specialist nurse")}
    for said_of_the_job in ("Had the interview today. Data analyst was the title",
                            "Interview on Friday. Senior planner seems like a good fit"):
        assert work_read([("2027-02-05", said_of_the_job), ("2027-03-01", "Started at Ouse Bank today!")])[-1] != set()
    assert work_read([("2027-02-05", "The hiring manager was lovely at the interview"),
                      ("2027-03-01", "Started at Ouse Bank today!")])[-1] == set()
    assert work_read([("2027-02-01", "I have an interview on Friday for a data analyst role, fingers crossed."),
                      ("2027-03-01", "Started at Safaricom today!")])[-1] == {("job", "data analyst")}
    assert work_read([("2027-02-01", "Applied for a senior planner position at the council."),
                      ("2027-09-01", "Started at Arup today!")])[-1] == set()  # too long ago to explain the move
    for refused in (["I had an interview today for a nurse job at the clinic, didn't get it"],
                    ["applied for a barista opening. they rejected me"],
                    ["got the offer for the chef job but turned it down"],
                    ["interview for a chef job tomorrow", "no luck with the interview, unsuccessful"]):
        said = [("2027-02-01", text) for text in refused] + [("2027-02-10", "I started at Tesco today")]
        assert work_read(said)[-1] == set(), refused  # a job the user did not get explains no move


def test_working_hours_said_with_work_are_the_hours():
    assert work_read([("2026-02-13", "start date monday 23 march. 8:30 to 4:30 mon-fri. no more nights")]) == [
        {("hours", "8:30 to 4:30 mon-fri")}]
    assert work_read([("2026-01-11", "staff nurse at st james's. 3 or 4 nights a week, 7:30pm to 8am")])[-1] >= {
        ("hours", "7:30pm to 8am")}
    assert work_read([("2027-03-01", "My hours are 9am-5pm, Monday to Friday.")]) == [
        {("hours", "9am-5pm, Monday to Friday")}]
    assert work_read([("2027-04-05", "I'm on call 19-26 april. release week")]) == [set()]
    assert work_read([("2027-03-10", "Mhairi and I did a writing session from 9:30 to 16:30.")]) == [set()]


def test_what_the_user_insists_on_is_a_preference():
    assert ("user", "prefers", "dark roast", "") in said(
        "morning. need coffee before I can face this log. dark roast only, the light fruity stuff tastes like tea")
    assert ("user", "prefers", "aisle seats", "") in said("aisle seats only please, my knees")
    assert ("user", "prefers", "oat milk", "") in said("I only drink oat milk, cows milk hates me")
    assert ("user", "prefers", "decaf", "") in said("decaf only pls")
    for text in ("Two tickets only for Friday", "one day only", "it's open to members only",
                 "Dogs only get walked twice a day here", "You only live once, so I booked it",
                 "we only have two days left"):
        assert not {u for u in said(text) if u[1] == "prefers"}, text


def test_a_product_s_short_name_is_written_as_the_assistant_wrote_it_in_full():
    assert recase("we're on postgres 16 now", ["The API is on PostgreSQL 16 as of tonight."]) == \
        "we're on PostgreSQL 16 now"
    assert ("user", "uses", "PostgreSQL 16", "") in said("DONE. we're on postgres 16 now",
                                                        "Huge! The payments API is on PostgreSQL 16 as of tonight.")
    assert recase("the post came", ["The PostgreSQL docs say so."]) == "the post came"  # too short to stand for it


def test_house_rules_the_user_sets_are_what_they_use():
    assert [u.value for u in house_rules(
        "house rules for any code you give me: type hints on everything incl. return types. pytest, not unittest, "
        "I never want to see a TestCase class again. black, line length 100")] == [
        "type hints", "pytest", "black", "line length 100"]
    assert [u.value for u in house_rules("my preferences: window seat, vegetarian meal, no red-eye flights")] == [
        "window seat", "vegetarian meal"]
    assert house_rules("The rules of the game: nobody wins.") == []


def test_a_day_range_before_a_month_dates_the_plan():
    [plan] = [u for u in page_updates(parse(["I'm on call 19-26 april. release week."])[0], "",
                                      "2027-04-05 10:00:00", True) if u.attribute == "plan"]
    assert plan.when == "2027-04-19" and "on call" in plan.value.lower()


RULES_CHAT = [
    ("house rules for any code you give me: type hints on everything. pytest, not unittest. black, line length 100",
     "Got it: type hints, pytest, Black at 100."),
    ("switched to ruff format this morning. removed black", "Ruff's formatter is Black-compatible."),
]


def test_the_card_lists_the_rules_and_the_tool_switched_from_is_history(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, RULES_CHAT, month="2027-03")
    uses = next(line for line in card.splitlines() if line.startswith("Uses:"))
    assert {"type hints", "pytest", "line length 100", "ruff format"} <= set(uses[6:].rstrip(".").split("; ")), card
    assert "black" not in uses.lower() and "Uses: no longer Black" in card, card


def test_a_graded_title_keeps_the_employer_said_with_it():
    assert {("user", "job", "data engineer II", ""), ("user", "employer", "Corvane Analytics", "")} <= said(
        "I'm a Data Engineer II at Corvane Analytics.")


def test_texting_shorthand_and_emojis_are_read_as_the_words_they_stand_for():
    assert ("Priya", "role", "partner", "") in said("me n Priya r official now 😍 she asked me after the gig")
    assert ("Ana", "role", "girlfriend", "") in said("moving in w/ my gf Ana next month")
    assert recase("booked a u-haul for sat", []) == "booked a u-haul for sat"  # a word, not "you"


def test_a_number_beside_the_users_name_is_their_age():
    assert ("user", "age", "31", "") in said("hey im Rosa, 31, just moved here")
    assert not any(attribute == "age" for _, attribute, _, _ in said("I'm Tom, 6ft tall, and I row."))


def test_a_couple_said_as_official_or_dating_gives_the_partner_and_no_one_else():
    assert ("Tom", "role", "partner", "") in said("Tom and I are dating 🥰 since the party")
    assert not any(attribute == "role" for _, attribute, _, _ in said("Jess and Mark are official now."))
    assert not any(attribute == "role" for _, attribute, _, _ in said("I'm not dating Tom, we're just mates."))


def test_what_a_student_studies_is_who_they_are_and_a_new_major_replaces_the_old(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I'm a history major, second year.", "Nice, history is a great field."),
        ("Quiz on Friday about the Tudors.", "Good luck with the Tudors!"),
        ("Big news: I'm switching to economics, the major I actually want.", "A brave change, well done."),
    ], month="2027-02")
    who = card.splitlines()[0]
    assert "studies economics" in who, card
    assert "history" not in card.replace("before: history", ""), card
    assert not any(attribute == "studies" for _, attribute, _, _ in said("switching to oat milk, dairy hates me"))


def test_a_job_applied_for_is_not_where_the_user_works():
    for sought in ("applying for a job at Tesco, fingers crossed", "Interviewing for a post with Arup on Monday."):
        assert not any(attribute == "employer" for _, attribute, _, _ in said(sought)), sought
    assert ("user", "employer", "Aldi", "") in said("I applied for loads of jobs. Got a job at Aldi in the end.")


def test_an_emoji_beside_the_word_it_shows_ends_no_clause():
    assert ("Rex", "role", "puppy", "") in said("My puppy 🐶 is called Rex.")
    assert ("Rex", "role", "new puppy", "") in said("I got a new puppy 🐶 named Rex!")
    assert recase("me n imani are official 🥹 she asked me", []) == "me and imani are official. she asked me"


def test_a_switch_is_to_a_major_only_when_the_major_is_what_it_is_to():
    for text in ("I switched to oat milk, it made a major difference.",
                 "I'm changing to part time so I can focus on my major.",
                 "I switched to Notion last week, major improvement."):
        assert not {u for u in said(text) if u[1] == "studies"}, text
    assert ("user", "studies", "economics", "") in said("I'm switching to economics as my major.")
    assert ("user", "studies", "econ", "") in said("I'm a double major in econ and math.")
    assert not {u for u in said("I'm a double major in econ and math.") if u[2] == "double"}
    assert ("user", "studies", "computer science", "") in said("I'm switching my major to computer science.")
    assert ("user", "studies", "computer science", "") in said(
        "im officially switching to computer science (pre-major first bc u gotta apply)")


def test_a_couple_told_of_as_over_gives_no_partner():
    for text in ("Me and Leo stopped dating last month.", "Me and Leo were dating for 3 years but we broke up.",
                 "Leo and I were official for a year."):
        assert not any(attribute == "role" for _, attribute, _, _ in said(text)), text
    assert ("Leo", "role", "partner", "") in said("Leo and I started dating in May.")
    assert ("Imani", "role", "partner", "") in said("Me and Imani are official now, we were friends before.")


def test_a_run_of_words_without_a_stop_is_read_in_sentences_of_bounded_length():
    run = "a, " * 3000 + "my sister Ines lives in Braga"
    sentences = parse([run])[0]
    assert max(len(s.tokens) for s in sentences) <= MAX_SENTENCE
    assert ("Ines", "home", "Braga", "") in said(run)


def test_scots_wi_is_with():
    assert ("user", "home", "Partick", "") in said("i live in partick wi two pals.")
    assert recase("staying wi eilidh. wi-fi is down", []) == "staying with eilidh. wi-fi is down"
    assert recase("the wi fi is down, she joined the wi", []) == "the wi fi is down, she joined the wi"
