"""A value's kind fits its attribute: an age is one the user gives as theirs (not what an app or a relative thinks
it is), a home is a place (not a thing said with "no" that the parse hung on the flat's "in", nor a wording quoted
as an example), and a job is the one the assistant congratulates the user on. Lines written without stops are
sentences."""

from __future__ import annotations

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.usermodel.extract import caseless, page_updates, recase
from memoryos_mcp.usermodel.homes import Homes
from memoryos_mcp.usermodel.work import Work


def mine(text: str, attribute: str) -> set[str]:
    updates = page_updates(parse([recase(text, [])])[0], "", "2027-03-01 10:00:00", caseless(text))
    return {u.value for u in updates if u.subject == "user" and u.attribute == attribute}


def ages(text: str) -> set[str]:
    return mine(text, "age")


def test_an_age_is_the_users_own_statement_in_any_register():
    assert ages("Good evening. I am 52 years of age and recently retired from the post office.") == {"52"}
    assert ages("my nephew reckons I'm 80 years old because I cannot work the telly") == set()
    assert ages("the quiz app thinks I am 70 years old lol") == set()
    assert ages("I think I'm 31 years old now, I stopped counting") == {"31"}
    assert ages("grammar help pls\nhow do you say 'saudade'?\nI am 33 and I never learned this word") == {"33"}
    assert ages("I'm 5 minutes away") == set()


def test_wordings_quoted_as_a_choice_are_examples_not_the_users_home():
    asked = 'which sounds better: "I live in Lyon since 2020" or "I have lived in Lyon since 2020"?'
    assert mine(asked, "home") == set()


def homes(messages: list[tuple[str, str]]) -> list[set[str]]:
    """The homes each exchange gives the user, read in order by one learner's memory of dwellings."""
    reader, found = Homes(), []
    for text, reply in messages:
        sentences = parse([recase(text, [reply])])[0]
        updates = reader.read(sentences, page_updates(sentences, "", "2027-03-01 10:00:00", caseless(text)), reply)
        found.append({u.value for u in updates if u.subject == "user" and u.attribute == "home"})
    return found


def test_a_home_is_a_place_not_a_thing_the_parse_hung_on_the_flats_in():
    assert homes([("signed the lease on a flat in Hackney", "Congratulations!"),
                  ("DONE\n- keys collected\n- I am lying on the floor of MY flat in Hackney\n- no curtains yet",
                   "Welcome home! Your own flat in Hackney, at last.")])[-1] == {"Hackney"}


def jobs(pages: list[tuple[str, str]]) -> list[set[str]]:
    """The jobs each exchange gives the user, read in order by one learner's memory of work."""
    work, found = Work(), []
    for text, reply in pages:
        sentences = parse([text])[0]
        updates = page_updates(sentences, "", "2027-03-01 10:00:00", False)
        day = "2027-03-01"
        updates = work.read(sentences, updates, day, reply) if reply else work.read(sentences, updates, day)
        found.append({u.value for u in updates if u.subject == "user" and u.attribute == "job"})
    return found


def test_the_job_the_assistant_congratulates_the_user_on_is_theirs():
    assert jobs([("They rang this afternoon and I said yes straight away.",
                  "Congratulations on the head gardener post at Wrexham Hall, Gwen! Well deserved.")]) == [
        {"head gardener"}]
    assert jobs([("Got it!!", "Congrats on your new job as a staff nurse!")]) == [{"staff nurse"}]
    assert jobs([("My son got in.", "Congratulations to Owen on his apprentice role at the garage!")]) == [set()]


def test_a_job_word_that_only_qualifies_another_noun_is_no_job_looked_at():
    assert jobs([("Our youngest has been offered a place at the sixth form. Her student number is 4471.", ""),
                  ("First day at Rowan Logistics today.", "")])[-1] == set()
