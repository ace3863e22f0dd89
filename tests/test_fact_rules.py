"""The offline fact rules on real chat clauses (LoCoMo-style): what is restated, how, and what is refused."""

from __future__ import annotations

from datetime import datetime

import pytest

from memoryos_mcp.language.facts.dates import relative_date
from memoryos_mcp.language.facts.particulars import says_more
from memoryos_mcp.language.facts.rules import clauses, statement
from memoryos_mcp.language.offline import OfflineLLM
from memoryos_mcp.models import PageText

WHEN = "2023-05-08 13:56:00"  # a Monday


def user_facts(text: str) -> list[str]:
    return OfflineLLM().user_facts([PageText(text, "", WHEN)])


def assistant_facts(text: str) -> list[str]:
    return OfflineLLM().assistant_facts([PageText("Hi!", text, WHEN)])


@pytest.mark.parametrize(("said", "fact"), [
    # the subject dropped in chat is put back
    ("Just got back from a family road trip yesterday, it was fun!",
     "User just got back from a family road trip on 2023-05-07, it was fun"),
    ("Been rehearsing hard and working on business plans.",
     "User has been rehearsing hard and working on business plans"),
    ("Gonna continue my edu and check out career options.",
     "User is going to continue their edu and check out career options"),
    # "my X ..." and the speaker as object
    ("Had a wild week, my car broke down last Fri on my way to work.",
     "User's car broke down on 2023-05-05 on their way to work"),
    ("The support group has made me feel accepted and given me courage to embrace myself.",
     "The support group has made the user feel accepted and given them courage to embrace themselves"),
    # "we" in a past event, a photo of one's own, a statement before a tag question
    ("We made pizza!", "User made pizza"),
    ("Here's a pic of my family camping at the beach.", "User shared a photo of their family camping at the beach"),
    ("Oh, and BTW, I started my own online clothing store not so long ago - pretty cool, huh?",
     "User started their own online clothing store not so long ago"),
    # subordinate openers and identity statements with one content word
    ("Since I lost my job at Door Dash, things have been tough.",
     "User lost their job at Door Dash, things have been tough"),
    ("I'm lactose intolerant.", "User is lactose intolerant"),
    ("I'm a nurse.", "User is a nurse"),
    ("I graduated last week!", "User graduated in the week before 2023-05-08"),
    ("I'm planning to visit my grandmother in Sweden next month.",
     "User is planning to visit their grandmother in Sweden in June 2023"),
    ("Morning! I missed the tram again, ugh.", "User missed the tram again"),
    # a clause after "but now" / "that", and a trailing clause about the listener cut off
    ("Wanted to let you know that I'm running for office again.", "User is running for office again"),
    ("I took a road trip for research for my next movie while you were winning.",
     "User took a road trip for research for their next movie"),
])
def test_user_clauses_are_restated_in_the_third_person(said: str, fact: str) -> None:
    assert user_facts(said) == [fact]


@pytest.mark.parametrize("said", [
    "I'm so happy for you! I love that. I'll check it out sometime. Thanks for sharing!",
    "I'm going to keep going, no matter what.",  # an intention with nothing in it
    "We can do this together!",  # encouragement, not a fact
    "Let me know if you need anything.",  # an imperative, not a dropped "I"
    "That's so sweet of you, it made my day.",
    "Wow, your painting is amazing! You should be proud.",
    "Good to see you! How have you been?",
    "Did you know I adopted a dog?",  # a question
    "I'm so proud of you for spreading awareness.",  # about the listener
    "Gonna be a great night!",  # "(it's) gonna be", not the speaker
    "Taking care of myself is key.",  # a gerund subject, not "I'm taking"
    "Here's a pic of the sunset.",  # nothing of the speaker's
    "I", "", "...",
])
def test_reactions_questions_courtesies_and_empty_clauses_are_refused(said: str) -> None:
    assert user_facts(said) == []


def test_the_assistant_side_states_its_own_life_advice_and_promises() -> None:
    facts = assistant_facts(
        "Had a wild week, my car broke down last Fri. I'd recommend my notes to you. "
        "I'll send you my list tomorrow. You should totally try the coconut milk ice cream. I'll keep you posted!"
    )
    assert facts[0].split("; ") == [
        "Assistant's car broke down on 2023-05-05",
        "Assistant recommended the assistant's notes to the user",
        "Assistant promised to send the user the assistant's list on 2023-05-09",
        "Assistant suggested the user should try the coconut milk ice cream",
    ]
    assert len(facts) == 1


@pytest.mark.parametrize(("asked", "reply", "kept"), [
    ("Can you write a cover letter for the supervisor job at Brennan Logistics?",
     "Here's a draft:\n\nDear Hiring Manager,\n\nI am writing to apply for the Warehouse Supervisor role. I have "
     "eight years of experience at DHL, where I led a team of twelve.\n\nBest regards,\nCarmen",
     ["Assistant gave the user a draft: Dear Hiring Manager; I am writing to apply for the Warehouse Supervisor role. "
      "I have eight years of experience at DHL, where I led a team of twelve; Best regards; Carmen"]),  # quoted
    ("write me a linkedin post about my promotion",
     "I just got promoted to senior nurse at St James's! I have worked on the ward for six years.", []),
    ("Help me word a text to my landlord about the boiler",
     "I'll send you a shorter version tomorrow. Try: \"Hi Mr Byrne, I have had no hot water since Monday.\"",
     ["Assistant promised to send the user a shorter version on 2023-05-09"]),
    ("Is this email ok?",  # unasked, a salutation still opens a draft
     "Nearly, I'd recommend a shorter opening.\n\nHi Priya,\n\nI have attached the report we discussed.",
     ["Assistant recommended a shorter opening"]),
])
def test_text_drafted_for_the_user_is_no_fact_about_the_assistant(asked: str, reply: str, kept: list[str]) -> None:
    facts = OfflineLLM().assistant_facts([PageText(asked, reply, WHEN)])
    assert facts == kept


def test_a_quoted_word_in_an_unasked_reply_opens_no_draft() -> None:
    facts = OfflineLLM().assistant_facts([PageText(
        "How do I cook rice?", "Rinse it first.\n\"Al dente\" means firm. I'll remind you tomorrow to buy basmati.",
        WHEN)])
    assert any("remind the user" in fact and "basmati" in fact for fact in facts), facts


def test_a_message_says_one_fact_but_a_single_valued_subject_stays_apart() -> None:
    """One message, one fact, in the order said; "User lives in ..." stays alone so a move can supersede it."""
    assert user_facts("I passed the adoption interviews last Friday! I'm so excited. "
                      "I live in Porto now. My goal is to build a family.") == [
        "User passed the adoption interviews on 2023-05-05; User's goal is to build a family",
        "User lives in Porto now",
    ]


@pytest.mark.parametrize(("said", "fact"), [
    # the speaker as the object of a sentence that is not theirs, and a view said without "I"
    ("I loved reading Becoming Nicole. It taught me self-acceptance and how to find support.",
     "User loved reading Becoming Nicole; User said it taught them self-acceptance and how to find support"),
    ("I'm working on a new routine. Dance has the power to bring us together and create sweet moments.",
     "User is working on a new routine; "
     "User said Dance has the power to bring them together and create sweet moments"),
    ("I teach dance. Guidance and support can help young dancers really shine.",
     "User teaches dance; User said Guidance and support can help young dancers really shine"),
    # a name that opens the sentence keeps its capital
    ("I finished a book last night. Dune has the best world building of any novel ever.",
     "User finished a book on 2023-05-07; User said Dune has the best world building of any novel ever"),
])
def test_informative_sentences_the_rules_cannot_restate_are_kept_whole(said: str, fact: str) -> None:
    assert user_facts(said) == [fact]


@pytest.mark.parametrize(("said", "fact"), [
    ("fiona's a classroom assistant at rockfield primary so she's got the steady job.",
     "User said fiona's a classroom assistant at rockfield primary so she's got the steady job"),
    ("She's a dental hygienist at a practice on Clairmont Road.",
     "User said she's a dental hygienist at a practice on Clairmont Road"),
])
def test_a_sentence_alone_in_its_message_is_kept_when_it_names_someone_or_something(said: str, fact: str) -> None:
    assert user_facts(said) == [fact]


@pytest.mark.parametrize("said", [
    "Life sure can be a roller coaster, Caroline!",  # a name said to the listener names no one
    "Is Sarah coming to the party tonight",  # questions, requests, guesses, greetings and cheers tell nothing
    "Ask Sarah whether the party is still on",
    "Maybe Tom will like the new flat",
    "Good morning Sarah, hope the week starts well.",
    "Well done Liverpool, what a comeback.",
    "Tonight's dinner was a complete disaster.",  # a possessive of no one
    "Everyone's tired of the new rota at work.",
])
def test_a_sentence_alone_that_names_someone_but_tells_nothing_is_no_fact(said: str) -> None:
    assert user_facts(said) == []


@pytest.mark.parametrize(("new", "old", "more"), [
    ("User said Parkrun three: 31:48", "User said Parkrun two: 33:05", True),  # a new time, number, name
    ("User's flight to Rome is at 6 pm", "User's flight to Rome is at 6 am", True),
    ("User bought a ps5", "User bought a ps4", True),
    ("User met Łukasz for coffee", "User met Tom for coffee", True),
    ("User's appointment is on 2023-05-10", "User's appointment is on 2023-05-09", True),  # a day still to come
    ("User missed the tram again on 2023-05-07", "User missed the tram again", False),  # a day gone by
    ("User's sister Mel moved to Leeds", "User's sister mel just moved to leeds", False),  # the same, written otherwise
    ("User's train is at 9.30", "User's train is at 9:30", False),
    ("User's son is turning ten", "User's son is turning 10", False),
    ("User had dinner at Mel's place", "User had dinner with Mel at her place", False),
    ("User saved 10,000", "User saved 10000", False),
])
def test_a_fact_says_more_than_another_by_a_number_a_name_or_a_day_to_come(new: str, old: str, more: bool) -> None:
    assert says_more(new, old, WHEN) is more


@pytest.mark.parametrize("said", [
    "Life sure can be a roller coaster.",  # a view alone in its message: a reaction
    "I adopted a dog. The kids look so cute in that photo.",  # judging what the listener showed
    "I adopted a dog. Check out this pic from the last networking event.",  # an imperative
    "I adopted a dog. Your painting of the lake has such vivid colours.",  # about the listener
    "I adopted a dog. Mel, what kind of paintings do you make for the show",  # a question without "?"
    "I adopted a dog. Thanks so much for the lovely support and advice.",  # a courtesy
])
def test_reactions_to_the_listener_are_not_kept_whole(said: str) -> None:
    assert [f for f in user_facts(said) if " said " in f] == []


def test_the_speakers_facts_stay_on_their_side() -> None:
    page = PageText("I adopted a beagle.", "I started pottery classes.", WHEN)
    assert OfflineLLM().user_facts([page]) == ["User adopted a beagle"]
    assert OfflineLLM().assistant_facts([page]) == ["Assistant started pottery classes"]
    assert statement("I started pottery classes", "assistant") is not None


def test_clauses_split_at_a_new_first_person_subject_and_drop_questions() -> None:
    assert clauses("I moved to Porto, and my sister lives there. Do you like it? Nice, right?") == [
        "I moved to Porto", "my sister lives there."]
    assert clauses("My friends are my rocks - they motivate me; we met at school.") == [
        "My friends are my rocks", "they motivate me", "we met at school."]


@pytest.mark.parametrize(("fact", "dated"), [
    ("User went hiking yesterday", "User went hiking on 2023-05-07"),
    ("User ran a race last Saturday", "User ran a race on 2023-05-06"),
    ("User ran a race last Monday", "User ran a race on 2023-05-01"),
    ("User is moving next month", "User is moving in June 2023"),
    ("User painted a sunrise last year", "User painted a sunrise in 2022"),
    ("User went to a parade a few weeks ago", "User went to a parade a few weeks before 2023-05-08"),
    ("User lives in Oslo", "User lives in Oslo"),
    # a day of the month said alone of what is coming, within a month; as said when it may not be ("a wrong date is
    # worse than none"): the past, a range, an ordinal of something else
    ("User has the audit on the 16th", "User has the audit on 2023-05-16"),
    ("User's party is on the 2nd.", "User's party is on 2023-06-02."),
    ("User is off from the 2nd to the 9th", "User is off from the 2nd to the 9th"),
    ("User was hoping to go on the 14th", "User was hoping to go on the 14th"),
    ("User is reading about Henry the 8th", "User is reading about Henry the 8th"),
    ("User lives on the 3rd floor", "User lives on the 3rd floor"),
    ("User starts on the 2nd of June", "User starts on the 2nd of June"),
    ("User said the excision is on Wednesday the 14th", "User said the excision is on Wednesday 2023-06-14"),
    ("User moved in on the 30th", "User moved in on the 30th"),  # the past: which 30th is not known
    ("User hurt her back on the 2nd", "User hurt her back on the 2nd"),
    ("Assistant promised to send it, ahead of the audit on the 16th",
     "Assistant promised to send it, ahead of the audit on 2023-05-16"),  # a promise is no past of the audit
    # a correction dates the day it gives, not the one it rules out; a weekday before the day is enough
    ("User said the release is on the 21st, not the 14th", "User said the release is on 2023-05-21, not the 14th"),
    ("User said the test is thursday 18th not wednesday", "User said the test is thursday 2023-05-18 not wednesday"),
    ("User said monday 29th is the day", "User said monday 2023-05-29 is the day"),
    ("User is off on the 21st and the 22nd", "User is off on the 21st and the 22nd"),
    # a day in words, where it can only be a day
    ("User said Amara turns ten on july third", "User said Amara turns ten on july 3rd"),
    ("User said the recital is the thirteenth not the twelfth", "User said the recital is 2023-05-13 not the 12th"),
    ("User is picking up the van on the twenty second", "User is picking up the van on 2023-05-22"),
    ("User said the follow-up is on july eighth thursday", "User said the follow-up is on july 8th thursday"),
    ("User lives on the third floor", "User lives on the third floor"),
    ("User said the second week of July is busy", "User said the second week of July is busy"),
    ("User said the best one is the second.", "User said the best one is the second."),
    # past after the day, ranks after "is": as said
    ("User said on the 5th, they turned in their thesis", "User said on the 5th, they turned in their thesis"),
    ("User said Sunday 14th, they went to the zoo", "User said Sunday 14th, they went to the zoo"),
    ("User's son is the 3rd in his class", "User's son is the 3rd in his class"),
    ("User said a gig on the 12th, which was cancelled", "User said a gig on the 12th, which was cancelled"),
])
def test_relative_dates_become_dates_of_the_page(fact: str, dated: str) -> None:
    assert relative_date(fact, datetime(2023, 5, 8)) == dated


@pytest.mark.parametrize(("said", "fact"), [
    # alone in its message, or beside a clause the rules restate without it
    ("Start at Chinook is Monday 5 April. How do I not drown as a first-time PM?",
     "User said Start at Chinook is Monday 5 April"),
    ("Amara turns ten on july third, I want to take her to a theme park for it",
     "User wants to take her to a theme park for it; "
     "User said Amara turns ten on july 3rd, they want to take her to a theme park for it"),
    ("correction for your notes: the release is on the 21st, not the 14th",
     "User said correction for the assistant's notes: the release is on 2023-05-21, not the 14th"),
    # a day said alone keeps the sentence before it
    ("divorce final today. 8 May. weird day.", "User said divorce final on 2023-05-08. 8 May"),
    ("The recital is on the 21st.", "User said the recital is on 2023-05-21"),
])
def test_a_sentence_that_says_a_day_is_kept(said: str, fact: str) -> None:
    assert fact in user_facts(said)


@pytest.mark.parametrize("said", [
    "12 october",  # a day with nothing it is the day of
    "Is it weird? 19 Feb.",  # ... or only a question before it
    "is fourth of july weekend crazy there",  # questions without their mark
    "wait is it 5pm or 6pm",
    "what should I bring on the 29th",
    "Remember the 29th.",  # requests and greetings
    "Book a table for 8pm on Friday 12th",
    "Good morning, it's 7am",
    "Chapter 12 may be long.",  # "may", "am": no day, no time
    "Room 5 am I right",
])
def test_a_day_alone_or_asked_is_no_fact(said: str) -> None:
    assert user_facts(said) == []


def test_a_day_said_alone_is_not_given_to_a_sentence_it_does_not_follow() -> None:
    """The parser leaves the request between them out: the dinner's day is not the engagement's."""
    page = PageText("My sister got engaged. Can you book dinner for us? 19 March.", "", WHEN,
                    sentences=["My sister got engaged.", "19 March."])
    assert OfflineLLM().user_facts([page]) == ["User's sister got engaged"]


def test_a_day_given_in_reply_is_kept_with_what_was_asked() -> None:
    page = PageText("The 20th of November.", "", WHEN, question="Lovely. When's her birthday?")
    assert OfflineLLM().user_facts([page]) == ['User, asked "When\'s her birthday?", answered: The 20th of November']
    page = PageText("Tomorrow at 5pm.", "", WHEN, question="When is the recital?")
    assert OfflineLLM().user_facts([page]) == ['User, asked "When is the recital?", answered: on 2023-05-09 at 5pm']
    # a question that does not ask when takes no statement of its own
    page = PageText("Mom's surgery is on the 21st.", "", WHEN, question="Anything else I can help with?")
    assert OfflineLLM().user_facts([page]) == ["User said Mom's surgery is on 2023-05-21"]


def test_a_date_out_of_range_leaves_the_statement_as_said() -> None:
    assert relative_date("User went hiking yesterday", datetime(1, 1, 1)) == "User went hiking yesterday"
