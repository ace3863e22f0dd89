"""The facts `retrieve_memory` returns answer the question, asked over MCP as a client would: the assistant's
open promises for a question about what it will still do."""

from __future__ import annotations

import anyio
import pytest
from mcp.client import Client

from memoryos_mcp.server.app import build_server
from memoryos_mcp.server.host import EngineHost
from tests.support import open_memory

pytestmark = pytest.mark.usefixtures("backend")


def _remember(tmp_path, embedder, chat: list[tuple[str, str, str]], **settings):
    memory = open_memory(tmp_path, embedder=embedder, short_term_capacity=2, **settings)
    for user, assistant, when in chat:
        memory.add_memory(user, assistant, timestamp=when)
    memory.flush()
    return memory


def _facts(memory, questions: list[str], reference: str) -> dict[str, list[str]]:
    """Each question's facts (user and assistant, best first) as retrieve_memory returns them over MCP."""
    async def scenario() -> dict[str, list[str]]:
        server = build_server(EngineHost(memory.config, "in-memory", factory=lambda _config: memory))
        found = {}
        async with Client(server, mode="legacy") as client:
            for question in questions:
                answer = (await client.call_tool("retrieve_memory", {"query": question, "max_results": 5,
                                                                     "reference_time": reference})).structured_content
                facts = answer.get("retrieved_user_knowledge", []) + answer.get("retrieved_assistant_knowledge", [])
                found[question] = [f["knowledge"] for f in sorted(facts, key=lambda f: -(f.get("score") or 0.0))]
        return found

    return anyio.run(scenario)


PROMISES = [
    ("The packing list would help before the op.",
     "I'll send you a hospital packing list on Tuesday 13 October.", "2026-10-01 09:00:00"),
    ("Thanks!", "As promised, here's the hospital packing list: slippers, dressing gown, charger.",
     "2026-10-13 09:00:00"),
    ("The Jenkins box has to go before the audit.",
     "I'll remind you on Thursday 12 November to shut down the Jenkins server.", "2026-10-20 09:00:00"),
    ("My sister's baby shower is in March.",
     "I'll remind you on Saturday 13 March to buy the baby shower gift.", "2026-10-21 09:00:00"),
    ("Registration for the exam closes soon.",
     "I'll remind you on Friday 20 November to register for the CIPLE exam.", "2026-10-22 09:00:00"),
    ("The weather is grim today.", "Stay dry!", "2026-10-23 09:00:00"),
    ("Any podcast recommendations?", "Try a history podcast.", "2026-10-24 09:00:00"),
]


def test_a_question_about_open_promises_gets_the_open_ones_in_the_period_it_names(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, PROMISES)
    everything = ("Which of your promises are still open?", "Kindly list the commitments you have outstanding.",
                  "what u still gonna remind me about", "What reminders have you set for me?",
                  "What are you supposed to be reminding me about?")
    tomorrow = ("What are you supposed to remind me about tomorrow?", "what you will remind me tomorrow?",
                "What will you remind me of on Thursday?")
    march = ("What are you going to remind me about in March?", "reminders for march pls")
    day = ("What are you supposed to remind me about on 20 November?", "what will u remind me of on the 20th of Nov")
    recall = "Remind me what the Jenkins box was about?"
    found = _facts(memory, [*everything, *tomorrow, *march, *day, recall], reference="2026-11-11 10:00:00")
    for question in everything:
        top = "\n".join(found[question][:3])
        assert all(word in top for word in ("Jenkins", "CIPLE", "shower")), (question, found[question])
        assert found[question][0].index("Jenkins") and "packing" not in top, found[question]  # soonest first; kept
    for question in tomorrow:
        assert "Jenkins" in found[question][0] and not any("CIPLE" in f for f in found[question]), found[question]
    for question in march:
        assert "shower" in found[question][0] and not any("Jenkins" in f for f in found[question]), found[question]
    for question in day:
        assert "CIPLE" in found[question][0] and not any("Jenkins" in f for f in found[question]), found[question]
    assert not any("open" in f for f in found[recall]), found[recall]  # a request to recall, not about promises


def test_a_question_about_when_a_value_changed_gets_the_day_it_changed(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, [
        ("I live in Leeds, in Chapel Allerton.", "Nice area!", "2026-01-10 09:00:00"),
        ("I work at St James's hospital as a staff nurse.", "Busy place!", "2026-01-12 09:00:00"),
        ("The weather is grim today.", "Stay dry!", "2026-02-01 09:00:00"),
        ("First day at Ouse Bank Clinic today, I work there now!", "Good luck in the new job!", "2026-03-23 09:00:00"),
        ("We moved to York today, we live in Acomb now.", "Welcome to York!", "2026-04-11 09:00:00"),
        ("Any podcast recommendations?", "Try a history podcast.", "2026-04-20 09:00:00"),
        ("Any film tips?", "Try a comedy.", "2026-04-21 09:00:00")])
    moved = ("When did we move house?", "when did i move", "On what date did I move to Acomb?")
    started = ("When did I start my new job?", "when i started at ouse bank", "What date did I start at Ouse Bank?")
    found = _facts(memory, [*moved, *started], reference="2026-05-01 10:00:00")
    for question in moved:
        assert "2026-04-11" in "\n".join(found[question][:3]), (question, found[question])
    for question in started:
        assert "2026-03-23" in "\n".join(found[question][:3]), (question, found[question])


def test_a_question_about_when_something_happened_gets_the_day_it_was_told(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, [
        ("I lost my passport at a gig, so annoying.", "Report it lost and apply for a new one.", "2027-04-10 09:00:00"),
        ("The weather is grim today.", "Stay dry!", "2027-04-20 09:00:00"),
        ("I received my new passport.", "Great, keep it somewhere safe.", "2027-05-07 09:00:00"),
        ("Any podcast recommendations?", "Try a history podcast.", "2027-05-10 09:00:00"),
        ("Any film tips?", "Try a comedy.", "2027-05-11 09:00:00")])
    asked = ("When did my new passport arrive?", "when did the new passport come", "On what date did I receive my "
             "new passport?")
    found = _facts(memory, [*asked, "When will my new passport arrive?"], reference="2027-06-01 10:00:00")
    for question in asked:
        assert any("passport" in f and "2027-05-07" in f for f in found[question][:3]), (question, found[question])
    assert not any("said on" in f for f in found["When will my new passport arrive?"])  # ahead: no day said


def test_a_person_is_found_by_the_wider_word_for_their_relation(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, [
        ("My team lead Jürgen wants the report by Friday.", "Good luck with the report!", "2027-03-01 09:00:00"),
        ("My mum Helen lives in Norwich.", "Norwich is lovely.", "2027-03-02 09:00:00"),
        ("The weather is grim today.", "Stay dry!", "2027-03-03 09:00:00"),
        ("Any podcast recommendations?", "Try a history podcast.", "2027-03-04 09:00:00"),
        ("Any film tips?", "Try a comedy.", "2027-03-05 09:00:00")])
    boss = ("Who is my boss?", "who is my manager", "Who is my supervisor at work?")
    parents = ("Where do my parents live?", "where my parents are living")
    found = _facts(memory, [*boss, *parents], reference="2027-06-01 10:00:00")
    for question in boss:
        assert found[question] and "Jürgen" in found[question][0], (question, found[question])
    for question in parents:
        assert found[question] and "Norwich" in found[question][0], (question, found[question])


def test_a_pet_named_by_its_breed_is_found_by_its_animal(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, [
        ("Sarge, our blue heeler, loves the beach.", "Sounds like a happy dog!", "2027-03-01 09:00:00"),
        ("Our cat Miso, a grey tabby, knocked a glass over.", "Cats will be cats.", "2027-03-02 09:00:00"),
        ("The weather is grim today.", "Stay dry!", "2027-03-03 09:00:00"),
        ("Any podcast recommendations?", "Try a history podcast.", "2027-03-04 09:00:00"),
        ("Any film tips?", "Try a comedy.", "2027-03-05 09:00:00")])
    found = _facts(memory, ["What's my dog's name?", "What is my cat called?", "What breed is Sarge?"],
                   reference="2027-06-01 10:00:00")
    assert found["What's my dog's name?"] and "Sarge" in found["What's my dog's name?"][0], found
    assert found["What is my cat called?"] and "Miso" in found["What is my cat called?"][0], found
    assert found["What breed is Sarge?"] and "blue heeler" in found["What breed is Sarge?"][0], found


def test_a_partner_is_found_by_any_word_for_one(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, [
        ("My girlfriend Sheila is a pharmacist.", "Lovely!", "2027-03-01 09:00:00"),
        ("I'm seeing Dr Patel about my knee on Tuesday.", "Good luck.", "2027-03-02 09:00:00"),
        ("The weather is grim today.", "Stay dry!", "2027-03-03 09:00:00"),
        ("Any podcast recommendations?", "Try a history podcast.", "2027-03-04 09:00:00"),
        ("Any film tips?", "Try a comedy.", "2027-03-05 09:00:00")])
    asked = ["Who am I courting?", "What does my other half do for a living?", "Who am I seeing about my knee?"]
    found = _facts(memory, asked, reference="2027-03-06 10:00:00")
    assert found[asked[0]] and "Sheila" in found[asked[0]][0], found
    assert found[asked[1]] and "pharmacist" in found[asked[1]][0], found
    assert found[asked[2]] and "Patel" in found[asked[2]][0], found  # seeing a doctor is no partner


GORD = [
    ("My brother Gord lives in Minnedosa, he runs the hardware store there.", "A small-town hardware store, lovely!",
     "2027-03-01 09:00:00"),
    ("Gord turns 67 next month.", "Any party plans?", "2027-03-02 09:00:00"),
    ("I work at the library in Brandon, I'm the branch manager.", "Sounds rewarding.", "2027-03-03 09:00:00"),
    ("We adopted a puppy called Pepper, total chaos.", "Puppies are!", "2027-03-04 09:00:00"),
    ("Can you suggest a soup recipe?", "Try a lentil soup with cumin.", "2027-03-05 09:00:00"),
    ("The weather has been awful.", "Stay warm!", "2027-03-06 09:00:00"),
]


def test_a_question_never_answered_gets_no_facts_and_the_answered_ones_keep_theirs(tmp_path, local_embedder):
    """"What is my manager's name?" was never answered. "Gord works as ..." and "User works at the library" pass
    every check of one fact (about work, a name the question does not say), but the answer as a whole is unlikely to
    hold what was asked (search/confidence.py): no facts. The questions the chat answers keep theirs, "my dog's
    name" answered by the puppy; `fact_confidence` 0 returns every fact found."""
    manager, home, dog, work = ("What is my manager's name?", "Where does Gord live?", "What's my dog's name?",
                                "Where do I work?")
    found = _facts(_remember(tmp_path / "judged", local_embedder, GORD), [manager, home, dog, work],
                   reference="2027-04-01 09:00:00")
    assert found[manager] == [], found
    assert "Minnedosa" in found[home][0] and "Pepper" in found[dog][0] and "Brandon" in found[work][0], found
    every = _facts(_remember(tmp_path / "every", local_embedder, GORD, fact_confidence=0.0), [manager],
                   reference="2027-04-01 09:00:00")
    assert any("works" in fact for fact in every[manager]), every


HANDED_OVER = [
    ("We move on the 28th. Can you do me a checklist for the move?",
     "I'll put together a moving checklist and send it to you over the weekend.", "2027-03-01 09:00:00"),
    ("My mum moved in with us, so much to sort out. The kids are thrilled.", "That's a big change!",
     "2027-03-04 09:00:00"),
    ("Morning! Checklist?",
     "Morning! As promised, here's your moving checklist:\n1. Give notice to the landlord.\n2. Book the van.\n"
     "3. Redirect post with Royal Mail.\n4. Tell the DVLA and the council.", "2027-03-06 09:00:00"),
    ("What's a good name for a cat?", "Here's the thing: most cats ignore their names anyway.", "2027-03-07 09:00:00"),
]


def test_a_question_whether_something_was_handed_over_gets_the_thing_itself(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, HANDED_OVER)
    asked = ("Did you ever send me that moving checklist?", "did u send the checklist for the move u promised")
    found = _facts(memory, list(asked), reference="2027-03-20 10:00:00")
    for question in asked:
        opening = "Assistant gave the user their moving checklist: Give notice to the landlord; Book the van"
        assert "Royal Mail" in found[question][0] and found[question][0].startswith(opening), found[question]


EVERYDAY = [
    ("Been to the doctor's. She's taking me off the amlodipine because of the ankles. Ramipril instead, 2.5mg, "
     "starting tomorrow.", "Ramipril is a common swap.", "2027-03-01 09:00:00"),
    ("Mam turned 80 on Sunday, we had a cake in the care home.", "Happy birthday to her!", "2027-03-02 09:00:00"),
    ("My sister Nia is 15 and already taller than me.", "They grow fast!", "2027-03-03 09:00:00"),
    ("My girlfriend Renee is a dental hygienist.", "Lovely!", "2027-03-04 09:00:00"),
    ("Bosco, our black lab, is 11 now and slowing down.", "Bless him.", "2027-03-05 09:00:00"),
    ("The weather is grim today.", "Stay dry!", "2027-03-06 09:00:00"),
    ("I work at Harbourlight Insurance in Leeds.", "Nice.", "2027-03-07 09:00:00"),
    ("The blood test came back fine, by the way.", "Good news!", "2027-03-08 09:00:00"),
    ("Saw Dr Okafor about the knee today, she wants an MRI.", "Fingers crossed.", "2027-03-09 09:00:00"),
]


def test_a_value_is_found_by_the_everyday_words_for_it(tmp_path, local_embedder):
    """A kind of medicine finds the drug taken, "Mam" the mum, "siblings" the sister, whom the user is seeing their
    partner, "the dog" a black lab, "earn a crust" a job, a physician "Dr", the city of the job where it is; a blood
    type is not a blood test."""
    memory = _remember(tmp_path, local_embedder, EVERYDAY)
    expected = {"What blood pressure tablets am I on now?": "ramipril", "How old is Mam now?": "80",
                "Do I have any siblings?": "Nia", "Who am I seeing?": "Renee",
                "Who's the woman I've been seeing lately?": "Renee", "What's the dog's name?": "Bosco",
                "What does the lady I'm courting do to earn a crust?": "dental hygienist",
                "Who is my physician?": "Okafor"}
    found = _facts(memory, [*expected, "Which city do I work in?"], reference="2027-03-20 10:00:00")
    for question, answer in expected.items():
        assert found[question] and answer in " ".join(found[question][:3]), (question, found[question])
    assert "Leeds" in found["Which city do I work in?"][0], found  # what is true now leads, with its place
    every = _facts(_remember(tmp_path / "every", local_embedder, EVERYDAY, fact_confidence=0.0),
                   ["What's my blood group?"], reference="2027-03-20 10:00:00")
    assert not any("blood test" in fact for fact in every["What's my blood group?"]), every


def test_a_name_is_no_place_a_person_lives_in(tmp_path, local_embedder):
    memory = _remember(tmp_path, local_embedder, [
        ("My brother Piotr is a chef, he works crazy hours.", "That's a tough job.", "2027-03-01 09:00:00"),
        ("My mum Halina lives in Tarnów, she's retired now.", "Lovely town.", "2027-03-02 09:00:00")])
    questions = ["Where do my mum and my brother live?", "Where does my brother live?"]
    found = _facts(memory, questions, "2027-03-03")
    assert "Halina lives in Tarnów" in found[questions[0]][:2], found
    assert not any("works as chef" in fact for question in questions for fact in found[question]), found
