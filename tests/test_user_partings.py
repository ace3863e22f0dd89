"""A partner who is no longer one and a pet that died leave the card, said the way people say it: "Niall and I
called it a day", "Freya moved out, I'm single again"; "Pepper passed", "we lost Nutmeg", "we had Dusty put to
sleep". Someone else moving out (or out there), a day's work called a day with Mum, a passed exam or a grandad's
death end no one's place on the card."""

from __future__ import annotations

from benchmarks.changes import stale_lines
from tests.support import open_memory


def _cards(tmp_path, embedder, before: list[tuple[str, str]], after: list[tuple[str, str]]) -> tuple[str, str]:
    memory = open_memory(tmp_path, embedder=embedder)
    cards = []
    for start, pages in ((1, before), (len(before) + 1, after)):
        for day, (user, assistant) in enumerate(pages, start=start):
            memory.add_memory(user, assistant, timestamp=f"2027-05-{day:02d} 20:00:00")
        memory.flush()
        cards.append(memory.get_user_profile(include_knowledge=False).user_profile)
    return cards[0], cards[1]


def test_a_partnership_said_to_be_over_ends_the_partner(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("My boyfriend Niall is a plasterer, he's doing our hallway this weekend.", "Handy to have!"),
        ("My flatmate Ciara is moving out in June.", "You'll need a new flatmate then."),
    ], [
        ("Niall and I called it a day last month, honestly it's for the best.", "I'm sorry, that's a big change."),
    ])
    assert "Niall (boyfriend)" in before, before
    assert not stale_lines(after, ("Niall",)), after


def test_a_partner_who_moved_out_or_single_again(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("My girlfriend Freya works nights at the depot.", "Long shifts!"),
    ], [
        ("btw freya moved out last week. I'm single again, weird feeling.", "That's a lot to take in, Freya leaving."),
    ])
    assert "Freya (girlfriend)" in before, before
    assert not stale_lines(after, ("Freya",)), after


def test_a_pet_that_died_leaves_the_people_and_pets_and_the_other_pets_stay(tmp_path, local_embedder):
    before, after = _cards(tmp_path, local_embedder, [
        ("Our hamster Nutmeg is three now, ancient for a hamster.", "A good age!"),
        ("My cat Pepper keeps bringing in frogs.", "Cats and their gifts."),
        ("Our rabbit Dusty has chewed through the laptop charger.", "Rabbits love cables."),
        ("My dog Mabel needs a new lead, any recommendations?", "A biothane lead lasts."),
    ], [
        ("Sad news: pepper passed on Sunday.", "I'm so sorry about Pepper."),
        ("we lost nutmeg in the night, the kids are gutted", "I'm sorry about Nutmeg, that's hard on the kids."),
        ("We had Dusty put to sleep, his teeth were beyond fixing.", "I'm sorry, Dusty had a good home."),
    ])
    people = [line for line in after.split("People and pets:")[-1].splitlines() if line.startswith("- ")]
    for pet in ("Nutmeg (hamster)", "Pepper (cat)", "Dusty (rabbit)"):
        assert pet in before, before
        assert not any(pet in line for line in people), after
    assert "Mabel (dog)" in after, after


def test_someone_else_moving_out_a_day_called_a_day_an_exam_passed_or_a_late_wife_end_no_one(tmp_path,
                                                                                            local_embedder):
    _, after = _cards(tmp_path, local_embedder, [
        ("My husband Tariq teaches chemistry.", "A great subject."),
        ("Our dog Biscuit is a lurcher.", "Lurchers are lovely."),
        ("My brother Imran lives in Leeds.", "Handy for visits."),
        ("My grandad Alfie grew the best leeks in Fife.", "A proper allotment man."),
    ], [
        ("Our lodger moved out on Friday and Biscuit passed his obedience test!", "Congratulations to Biscuit!"),
        ("Imran moved out there when he got the Leeds job, he loves it.", "Good for Imran."),
        ("Mum and I called it a day at four, the garden's half done.", "Half is plenty for one day."),
        ("Grandad Alfie passed last spring, I still miss his allotment.", "I'm sorry about Alfie."),
    ])
    for kept in ("Tariq (husband)", "Biscuit (", "Alfie (grandad)"):
        assert kept in after, after
