"""Questions in other words than the chat's, asked over MCP as a client would: the user model's values found
by what they are about and whose they are, or by a word meaning the same ("kitty" / "cat"), a question of two
parts answered in both, and a day that moved."""

from __future__ import annotations

import pytest

from memoryos_mcp.search.asked import answers, asked, of_someone
from tests.test_answering import _facts, _remember

pytestmark = pytest.mark.usefixtures("backend")

LIFE = [
    ("My wife Hana is an architect.", "Lovely!", "2027-03-01 09:00:00"),
    ("My brother Olivier is a firefighter in Quebec City.", "Brave job!", "2027-03-02 09:00:00"),
    ("I'm allergic to shellfish, it's serious.", "Noted, I'll keep that in mind.", "2027-03-03 09:00:00"),
    ("My favourite band is Big Thief.", "Great band!", "2027-03-04 09:00:00"),
    ("My grandson Cian is five.", "Lovely age.", "2027-03-05 09:00:00"),
    ("The weather is grim today.", "Stay dry!", "2027-03-06 09:00:00"),
    ("Any podcast recommendations?", "Try a history podcast.", "2027-03-07 09:00:00"),
    ("Any film tips?", "Try a comedy.", "2027-03-08 09:00:00"),
]


def test_a_value_is_found_by_what_it_is_about_and_whose_it_is_in_other_words(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, LIFE)
    answered = {"What's my other half's line of work?": "architect",
                "Which band's records do I play the most?": "Big Thief",
                "Which seafood could put me in hospital?": "shellfish"}
    unanswered = ("What does Maude do for a living?",  # someone else's job is no answer
                  "What's my brother's phone number?",  # who the brother is does not give his number
                  "When is Cian's birthday?",  # an age holds no day
                  "What is my favourite football team?")
    found = _facts(memory, [*answered, *unanswered], reference="2027-03-20 10:00:00")
    for question, answer in answered.items():
        assert found[question] and answer in found[question][0], (question, found[question])
    for question in unanswered:
        assert not any(f.startswith(("Olivier", "Hana", "Cian is", "User's favourite")) for f in found[question]), (
            question, found[question])


MUM = [
    ("My mum Helen lives in Norwich.", "Norwich is lovely.", "2027-03-09 09:00:00"),
    ("My mum Helen loves gardening, her roses won a prize.", "Lovely!", "2027-03-10 09:00:00"),
    ("Mum called, she is redoing her kitchen in Norwich.", "Exciting.", "2027-03-11 09:00:00"),
    ("My mum is coming to visit us in May.", "How nice.", "2027-03-13 09:00:00"),
    ("My mum has moved to Ely, she lives in Ely now.", "A fresh start!", "2027-04-20 09:00:00"),
]


def test_a_question_of_two_parts_gets_the_best_facts_of_each(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, sorted(LIFE + MUM, key=lambda exchange: exchange[2]))
    question = "Where does my brother live, and what does my wife do for a living?"
    found = _facts(memory, [question], reference="2027-05-01 10:00:00")
    top = "\n".join(found[question][:3])
    assert "Quebec City" in top and "architect" in top, found[question]


def test_a_question_about_a_named_person_s_relative_or_about_more_than_who_someone_is(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, [
        *LIFE, ("My mate Steve's wife Priya works at the hospital.", "Handy!", "2027-03-09 09:00:00"),
        ("Steve lives in Hervey Bay now.", "Nice spot.", "2027-03-10 09:00:00")])
    found = _facts(memory, ["What's Steve's wife's name?", "What's Olivier's wife's name?",
                            "Which team does my brother support?", "What's my brother's name?"],
                   reference="2027-03-20 10:00:00")
    assert found["What's Steve's wife's name?"] and "Priya" in found["What's Steve's wife's name?"][0]
    assert not any(f.startswith(("Hana", "Olivier", "User's wife")) for f in found["What's Olivier's wife's name?"]), \
        found["What's Olivier's wife's name?"]
    assert not any(f.startswith("Olivier is the user's brother") for f in
                   found["Which team does my brother support?"]), found["Which team does my brother support?"]
    assert "Olivier" in found["What's my brother's name?"][0]


def _joined_and_operated(tmp_path, local_embedder):
    return _remember(tmp_path, local_embedder, [
        ("I'm joining Sahyadri Auto Components on 2027-03-01.", "Congratulations!", "2027-02-20 09:00:00"),
        *LIFE[:5], *MUM,
        ("My hip operation is on Thursday the 8th of October.", "Good luck with it.", "2027-09-20 09:00:00"),
        ("The hospital rang today. My operation is moved to Tuesday the 20th of October, I was all ready for the "
         "8th.", "Thanks for letting me know.", "2027-10-05 09:00:00"),
        *((user, assistant, f"2027-10-0{day} 09:00:00") for day, (user, assistant, _) in enumerate(LIFE[5:], 6))])


def test_an_event_said_in_another_form_of_the_word_answers_when(tmp_path, local_embedder):
    memory = _joined_and_operated(tmp_path, local_embedder)
    joined = ("When did I join the new company?", "What date did I join Sahyadri?")  # "joining" is "join"
    found = _facts(memory, list(joined), reference="2027-10-10 10:00:00")
    for question in joined:
        assert found[question] and "2027-03-01" in found[question][0], (question, found[question])


def test_of_two_days_told_for_an_event_the_later_one_leads(tmp_path, local_embedder):
    memory = _joined_and_operated(tmp_path, local_embedder)
    operation = ("When is my hip operation?", "what day is the operation on my hip")
    found = _facts(memory, list(operation), reference="2027-10-10 10:00:00")
    for question in operation:
        assert found[question] and "20th of October" in found[question][0], (question, found[question])


PETS = [
    ("My cat Kluska keeps chewing the spider plant.", "Spider plants aren't toxic to cats.", "2027-03-01 09:00:00"),
    ("I go swimming on Tuesdays now.", "Great exercise!", "2027-03-02 09:00:00"),
    ("Fish is fine for me, but I am allergic to hazelnuts so careful with pesto.", "Noted!", "2027-03-03 09:00:00"),
    ("The weather is grim today.", "Stay dry!", "2027-03-04 09:00:00"),
    ("Any podcast recommendations?", "Try a history podcast.", "2027-03-05 09:00:00"),
]


def test_a_fact_in_other_words_than_the_question_is_found_by_meaning_or_by_what_it_is_about(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, PETS)
    kitty, nut, dog = "What's my kitty called?", "Which nut must I steer clear of?", "What's my dog called?"
    found = _facts(memory, [kitty, nut, dog], reference="2027-03-20 10:00:00")
    assert found[kitty] and "Kluska" in found[kitty][0], found  # "kitty" means "cat"
    assert any("hazelnut" in f for f in found[nut][:3]), found  # far in meaning as a whole, but a nut it is
    assert not any("Kluska" in f for f in found[dog]), found  # related is not the same


KIN = [
    ("My sister Ines lives in Porto, she moved there last year.", "Porto is beautiful.", "2027-03-01 09:00:00"),
    ("My mum Helen lives in Norwich.", "Norwich is lovely.", "2027-03-02 09:00:00"),
    ("My favourite author is Ursula Le Guin.", "A great choice.", "2027-03-03 09:00:00"),
    ("The weather is grim today.", "Stay dry!", "2027-03-04 09:00:00"),
    ("Any film tips?", "Try a comedy.", "2027-03-05 09:00:00"),
]


def test_a_value_answers_its_own_question_in_other_words_and_only_for_the_relative_asked(tmp_path, local_embedder):
    """"living" is "live" with its "e" dropped; "Who is my favourite writer?" is "What is my favourite author?" in
    other words (no word of the question in the value); "my dad" is no question about the user's mum."""
    memory = _remember(tmp_path, local_embedder, KIN)
    found = _facts(memory, ["Which city is Ines living in?", "Who is my favourite writer?", "What's my dad's name?"],
                   reference="2027-03-20 10:00:00")
    assert found["Which city is Ines living in?"] and "Porto" in found["Which city is Ines living in?"][0], found
    assert found["Who is my favourite writer?"] and "Le Guin" in found["Who is my favourite writer?"][0], found
    assert not any("Helen" in fact for fact in found["What's my dad's name?"]), found


NAMES = [
    ("Hi, I'm Anneliese Varga, a vet in Wellington.", "Hi Anneliese!", "2027-03-01 09:00:00"),
    ("My dad Roberto is visiting next week.", "Lovely.", "2027-03-02 09:00:00"),
    ("We adopted a puppy called Biscuit, total chaos.", "Puppies are!", "2027-03-03 09:00:00"),
    ("The weather is grim today.", "Stay dry!", "2027-03-04 09:00:00"),
]


def test_a_question_about_someone_else_s_name_is_not_answered_by_the_user_s_own(tmp_path, local_embedder):
    """"What's my GP's name?": the GP is whose name is asked, written with a capital; neither the user's own name
    nor the dad's is an answer."""
    memory = _remember(tmp_path, local_embedder, NAMES)
    found = _facts(memory, ["What's my GP's name?", "What's my dog's name?"], reference="2027-03-20 10:00:00")
    assert not any(f.startswith(("User's name", "User's surname", "Roberto is")) for f in found["What's my GP's name?"])
    assert any("Biscuit" in f for f in found["What's my dog's name?"][:3]), found


HOUSEHOLD = [
    ("I'm Geoff, by the way.", "Nice to meet you, Geoff!", "2027-03-01 09:00:00"),
    ("I live in Leamington, in a terrace by the river.", "Lovely spot.", "2027-03-02 09:00:00"),
    ("Traded the old Commodore in for a 2019 HiLux SR5 yesterday.", "Nice ute!", "2027-03-03 09:00:00"),
    ("Our dog Bosco is a black Lab, he's 11.", "Good boy.", "2027-03-04 09:00:00"),
    ("The weather is grim today.", "Stay dry!", "2027-03-05 09:00:00"),
    ("Any film tips?", "Try a comedy.", "2027-03-06 09:00:00"),
]


def test_a_question_about_a_relative_is_not_answered_by_the_user_s_own_and_other_words_find_the_value(
        tmp_path, local_embedder):
    """"Where does Mum live?" is not answered by where the user lives, nor "What's my GP called?" (GP: an acronym,
    no name) by the user's name; "driving" finds "drives", and "furry companion" the dog."""
    memory = _remember(tmp_path, local_embedder, HOUSEHOLD)
    asked = ["Where does Mum live?", "How old is Papa?", "What's my GP called?", "What am I driving now?",
             "Which furry companion do I walk every day?"]
    found = _facts(memory, asked, reference="2027-03-20 10:00:00")
    assert not any("Leamington" in f for f in found["Where does Mum live?"]), found
    assert not any(f.startswith("User is") for f in found["How old is Papa?"]), found
    assert not any(f.startswith(("User's name", "User drives", "User lives")) for f in found["What's my GP called?"])
    assert any("HiLux" in f for f in found["What am I driving now?"][:3]), found
    assert any("Bosco" in f for f in found["Which furry companion do I walk every day?"][:3]), found


def test_only_a_question_of_a_relative_s_own_life_turns_away_the_user_s_facts_and_inflections_are_one_word():
    asked_of_them = ("Where does Mum live?", "How old is Papa?", "Which city are my parents in?",
                     "What does my wife do for a living?")
    asked_of_both = ("When are we visiting Mum?", "When is Dad's MRI?", "Where is my sister's hen party?",
                     "What did my colleague recommend?", "Where does my brother work and where do I work?")
    assert all(of_someone(asked(q)) for q in asked_of_them)
    assert not any(of_someone(asked(q)) for q in asked_of_both)
    assert answers(asked("What am I driving now?"), "User drives a 2019 HiLux")
    assert not answers(asked("What are my plans this weekend?"), "User took a plane to Rome")
    assert not answers(asked("Who is my travel companion for Rome?"), "User's dog is Bosco")


def test_a_club_rooted_for_is_a_team():
    assert answers(asked("Which hockey club do I root for?"), "User's favourite team is Blue Jackets")
    assert answers(asked("Which football club do I support?"), "User's favourite team is Leeds United")
    assert not answers(asked("What fan did I buy for the bedroom?"), "User's favourite team is Leeds United")
    assert not answers(asked("Which hockey club do I root for?"), "User's favourite band is Pearl Jam")


FAMILY = [
    ("My mum lives in Zanesville, she won't leave the house she grew up in.", "Understandable.", "2027-03-01 09:00:00"),
    ("My brother Kyle lives in Dayton, he's a firefighter.", "Brave job!", "2027-03-02 09:00:00"),
    ("My grandson Cian is five.", "Lovely age.", "2027-03-03 09:00:00"),
    ("My granddaughter Róisín is seven and mad about horses.", "Sweet!", "2027-03-04 09:00:00"),
    ("My mum's sister Gráinne lives in Clontarf.", "Lovely spot.", "2027-03-05 09:00:00"),
    ("Any podcast recommendations?", "Try a history podcast.", "2027-03-06 09:00:00"),
    ("Any film tips?", "Try a comedy.", "2027-03-07 09:00:00"),
]


def test_one_thing_asked_of_two_people_or_of_a_whole_relation(tmp_path, local_embedder):
    """"Where do my mum and my brother live?" is asked of each; the grandchildren are said together, so one fact
    answers "Who are all my grandchildren?" and how many there are, and none of them is a child; mum's sister is
    no sister of the user's."""
    found = _facts(_remember(tmp_path, local_embedder, FAMILY),
                   ["Where do my mum and my brother live?", "Who are all my grandchildren?",
                    "How many grandchildren do I have?", "How many children do I have?", "Who are my siblings?",
                    "How many pets do I have?", "Is my grandson walking yet?"], reference="2027-03-20 10:00:00")
    both = " ".join(found["Where do my mum and my brother live?"][:3])
    assert "Zanesville" in both and "Dayton" in both, found
    assert found["Who are all my grandchildren?"][0] == "The user's grandchildren: Cian and Róisín (two named)", found
    assert "(two named)" in found["How many grandchildren do I have?"][0], found
    for question in ("How many children do I have?", "How many pets do I have?", "Is my grandson walking yet?"):
        assert not any("grandchildren:" in fact for fact in found[question]), found  # asked by its own words
    assert not any("siblings:" in fact for fact in found["Who are my siblings?"]), found


def test_a_question_read_in_everyday_words_keeps_apart_what_they_do_not_say():
    """A son is no daughter; "staying" somewhere is no home; whom "we" are seeing is no partner, and whom "I" am
    seeing may still be a doctor; "Mama Rosa's" is no mum."""
    assert not answers(asked("Where does my son live?"), "User's daughter Aoife lives in Galway")
    assert not answers(asked("Where are we staying in Rome?"), "User lives in Leeds")
    assert "partner" not in asked("Who are we seeing on Saturday?").focus
    assert answers(asked("Who am I seeing?"), "User is seeing Dr Patel on Friday")
    assert answers(asked("Who am I seeing?"), "Renee is the user's partner")
    assert not answers(asked("Where does my mum live?"), "User loves Mama Rosa's in Bristol")
    assert answers(asked("What's my ma's name?"), "Bernie is the user's mum")
