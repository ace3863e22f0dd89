"""Who the user is and who is in their life, from signals beyond one sentence's wording: the name the assistant
calls the user by and signs their letters with, a full name it takes up, the name given when the assistant asks
it, where a relative is ("she's in Tarnów"), a job offered or said as "an X job", a second job, an employer by
the fuller name the assistant writes, and a home the assistant names when the user's news leaves it out. Every
sentence here is written for the test, in no case's words."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.address import Address
from memoryos_mcp.usermodel.extract import page_updates, recase
from memoryos_mcp.usermodel.homes import Homes
from memoryos_mcp.usermodel.identity import identity_updates
from memoryos_mcp.usermodel.people import People
from memoryos_mcp.usermodel.values import Update
from memoryos_mcp.usermodel.work import Work
from tests.test_user_slots import card_of, homes_read, said, work_read


def _named(chat: list[tuple[str, str]], others: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    address, found = Address(), []
    for text, reply in chat:
        found += [(u.attribute, u.value) for u in address.read(text, reply, set(others))]
    return found


def test_the_name_the_assistant_calls_the_user_by_on_several_pages_is_their_name():
    chat = [("morning! tomasz again, the one with the allotment", "Morning! How are the beans doing?"),
            ("passed my driving test!!", "Congrats, Tomasz! That's a big one."),
            ("interview tomorrow, bricking it", "You'll be fine. Good luck tomorrow, Tomasz.")]
    assert _named(chat) == [("name", "Tomasz")]
    assert _named(chat[:2]) == []  # once is not yet a habit


def test_a_name_the_assistant_uses_for_someone_else_or_in_a_draft_is_not_the_users():
    chat = [("my sister ines is visiting", "Say hello to her, then! Enjoy it, Ines."),
            ("ines says hi back", "Hi Ines!"),
            ("she leaves tomorrow", "Safe travels, Ines!")]
    assert _named(chat, frozenset({"ines"})) == []
    draft = [("write to the landlord about the boiler, from orla in flat 2",
              "Here's a draft:\n\nDear Mr Byrne, the boiler ... Thanks, Mr Byrne.\n\nKind regards,\nOrla Quinn"),
             ("and one to the council about the bins", "Here you go:\n\nDear Sir or Madam, ...\nBest wishes,\nOrla")]
    assert _named(draft) == [("name", "Orla"), ("surname", "Quinn")]  # "Byrne" was never written by the user


def test_a_full_name_the_assistant_takes_up_replaces_the_surname():
    found = said("The deed poll came through this morning: I am now Orla Brennan.", "Congratulations, Orla Brennan!")
    assert {("user", "name", "Orla", ""), ("user", "surname", "Brennan", "")} <= found
    assert not {u for u in said("I am Orla Brennan's neighbour.", "Hi there!") if u[1] == "surname"}


def test_the_name_given_when_the_assistant_asks_it_is_the_one_asked_about():
    text, reply = "ingrid. she would love that", "Lovely! Say hi to Ingrid for me."
    sentences = parse([recase(text, [reply])])[0]
    found = page_updates(sentences, "My grandmother ... What's her name?", "2027-01-04 10:00:00", True,
                         last_person=["grandma:f"], reply=reply)
    assert ("Ingrid", "role", "grandma") in {(u.subject, u.attribute, u.value) for u in found}
    found = page_updates(parse(["Ingrid. She would love that"])[0], "That's lovely.", "2027-01-04 10:00:00", False,
                         last_person=["grandma:f"])
    assert not [u for u in found if u.attribute == "role"]  # no name was asked


def test_where_a_relative_is_and_the_job_said_beside_it():
    assert {("brother", "home", "Aberdeen", ""), ("brother", "job", "offshore engineer", "")} <= said(
        "My brother is in Aberdeen, offshore engineer.")
    assert ("mum", "home", "Valencia", "") in said("My mother is in Valencia now, still teaching piano.")
    assert {("mum", "home", "Kilkee", ""), ("mum", "job", "retired dental nurse", "")} <= said(
        "called my mum. she's in kilkee, retired dental nurse.")  # in lower case: a word no everyday English has
    for away in ("Mum's in Lisbon this week for a wedding.", "My dad is in hospital again.",
                 "my brother is in the Navy", "my mum is in bed with flu"):
        assert not {u for u in said(away) if u[1] == "home"}, away


def test_a_job_offered_to_the_user_and_a_title_said_before_job():
    assert ("user", "employer", "Northgate Lettings") in {u[:3] for u in said(
        "Northgate Lettings offered me the job at Northgate Lettings! Over the moon.")}
    assert ("user", "employer", "Kilnworth Pottery") in {u[:3] for u in said(
        "They have offered me the post at Kilnworth Pottery! Starting in May.")}
    assert not {u for u in said("They offered my brother a job at Arup.") if u[0] == "user"}
    assert not {u for u in said("I have joined the Harbourside library, lovely place.") if u[1] == "employer"}
    assert work_read([("2027-02-01", "Had an interview for a events coordinator job at Brightwater today."),
                      ("2027-03-01", "Started at Brightwater today!")])[-1] == {("job", "events coordinator")}
    work = Work()  # someone else's job in a message with a prospect word is no prospect of the user's
    work.read(parse(["Lunch with my cousin Ana, she's a chef at a hotel. So yes, posting the card today."])[0], [],
              "2027-02-01")
    assert work._prospect is None


def test_a_job_said_as_one_more_does_not_replace_the_job():
    [sentence] = parse(["Apparently I am now the bakery's unofficial bookkeeper too."])[0]
    jobs = [u for u in identity_updates(sentence, "") if u.attribute == "job"]
    assert jobs and all(u.weak for u in jobs)
    [sentence] = parse(["I started at Google, it is too far though."])[0]
    assert not any(u.weak for u in identity_updates(sentence, ""))


def test_a_home_the_assistant_names_when_the_user_leaves_it_out():
    homes = Homes()
    for text, reply in (("we put an offer on a flat in leith!!", "Fingers crossed for the Leith flat!"),
                        ("moving day. we're in!!! boxes everywhere", "You did it! First night in Leith.")):
        sentences = parse([recase(text, [reply])])[0]
        found = homes.read(sentences, [], reply)
    assert {(u.value, u.detail) for u in found if u.attribute == "home"} == {("Leith", "flat")}
    homes = Homes()  # a place no dwelling of the user's was named in: a holiday
    found = homes.read(parse(["landed!! so tired"])[0], [], "Welcome! First night in Lisbon, enjoy it.")
    assert not found
    assert homes_read(["we got a cottage in Ambleside", "First night in Ambleside. So quiet."])[-1] == {
        ("Ambleside", "cottage")}
    homes = Homes()  # the place the flat is in, not a friend's name said after it; "Welcome to X" names it
    for text, reply in (("moving in with jo!! her flat in pollokshields. kelsi is taking my room", "Exciting!"),
                        ("DONE. knackered", "You did it! Welcome to Pollokshields.")):
        found = homes.read(parse([recase(text, [reply])])[0], [], reply)
    assert {(u.value, u.detail) for u in found if u.attribute == "home"} == {("Pollokshields", "flat")}
    homes = Homes()  # the news names the flat's district, the welcome only the city: the district is the home
    for text, reply in (("Flat-hunting in Lyon, everything is tiny.", "Lyon is a tough market."),
                        ("Found a studio in Croix-Rousse! Moving on the 28th.", "Congratulations!"),
                        ("Landed in Lyon! The studio in Croix-Rousse is small but light.", "Welcome to Lyon!")):
        found = homes.read(parse([recase(text, [reply])])[0], [], reply)
    assert {(u.value, u.detail) for u in found if u.attribute == "home"} == {("Croix-Rousse", "studio")}


def test_the_card_names_the_user_the_assistant_calls_by_name_and_the_employer_in_full(tmp_path, local_embedder):
    chat = [("hey its niamh, back again with more questions", "Welcome back! What's up?"),
            ("first shift went ok i think", "Well done, Niamh! First shifts are the hardest."),
            ("how do i get candle wax off a rug", "Iron over brown paper, Niamh. Works every time."),
            ("interview at the Calloway Arts Centre for a box office job, they want me!!", "Congratulations! "
             "The Calloway Arts Centre is lucky to have you."),
            ("first day at the arts centre done", "Brilliant, Niamh!")]
    card = card_of(tmp_path, local_embedder, chat)
    assert card.startswith("Who they are: Niamh"), card
    assert "Calloway Arts Centre" in card, card


def test_a_couple_said_as_x_and_i_on_two_pages_is_the_partner_unless_a_partner_was_stated():
    chat = [("tomek and I are viewing flats on saturday", "Good luck! What's the budget?"),
            ("lunch with my sister ola", "Nice!"),
            ("tomek and I finally agreed on a sofa", "A milestone!")]
    people = People()
    found = []
    for page, (text, reply) in enumerate(chat):
        names = people.observe(page, text, reply) | {"Tomek"}
        found += [(u.subject, u.value) for u in people.relate(page, text, reply, names, [])]
    assert ("Tomek", "partner") in found
    people = People()  # a wife the user stated stays the partner, whatever is said of her in passing later
    found = []
    for page, (text, reply) in enumerate(chat):
        stated = [Update("Ewa", "role", "wife")] if page == 0 else [Update("Ewa", "role", "Ola's aunt", weak=True)]
        names = people.observe(page, text, reply) | {"Tomek", "Ewa"}
        found += [(u.subject, u.value) for u in people.relate(page, text, reply, names, stated)]
    assert ("Tomek", "partner") not in found


def test_someone_introduced_by_a_relative_clause_has_the_role_it_says():
    assert ("Dana", "role", "landlady", "") in said("Dana, who is my landlady, fixed the boiler at last.")
    assert ("Mr Adeyemi", "role", "boss") in {u[:3] for u in said(
        "Mr Adeyemi, who is my boss now, wants the figures by Friday.")}
    for not_mine in ("I met Sarah, who is my neighbour's daughter, at the shop.", "Tom, who is a doctor, said rest."):
        assert not {u for u in said(not_mine) if u[1] == "role"}, not_mine


def test_a_pets_kind_said_in_a_relative_clause_after_its_name_is_its_role():
    assert ("Pepper", "role", "collie", "") in said(
        "Our dog, Pepper, who is a collie and a terrible thief, stole the toast again.")
    assert ("Pepper", "role", "collie", "") not in said("Our dog, Pepper, who is the collie's sister, sulks.")
