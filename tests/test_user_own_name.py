"""The user's own name as people open a chat with it ("hey, it's Bronagh", "Tariq again", "Kofi this side"), a
surname said with a title or later on its own ("Mrs. Achterberg here", "my surname's Featherstone", a table booked
under it), and the name a message or a draft is signed with; never someone presented to the assistant, a
relative's word for the user, nor a day."""

from __future__ import annotations

from tests.test_user_slots import card_of, said


def _names(text: str, reply: str) -> set[tuple[str, str, str]]:
    return {(a, v, d) for s, a, v, d in said(text, reply) if s == "user" and a in ("name", "surname")}


def test_a_chat_opened_with_who_is_writing_names_the_user_when_the_reply_calls_them_so():
    assert _names("heya, it's Bronagh! got a minute?", "Hi Bronagh, of course!") == {("name", "Bronagh", "")}
    assert _names("Afternoon, Tariq again. The invoice question.", "Good afternoon, Tariq!") == {
        ("name", "Tariq", "")}
    assert _names("Name's Declan, looking for a running plan", "Hey Declan! Let's start.") == {("name", "Declan", "")}
    assert _names("Good evening madam, Kofi this side, need a leave letter", "Good evening Kofi!") == {
        ("name", "Kofi", "")}
    assert _names("Hello. I am called Mirela and I work in a bakery.", "Hello Mirela!") == {("name", "Mirela", "")}
    assert not _names("hey it's Bronagh", "Sure, what's up?")  # said in passing, and the reply does not take it up
    assert not _names("it's Bronagh's hen do next month, ideas?", "Fun! How about a spa day?")
    assert not _names("this is Oisin, my nephew, he wants to learn chess", "Hi Oisin!")
    assert not _names("It's Wednesday again, ugh", "Hang in there, Wednesday!")


def test_a_title_with_one_name_is_a_surname_and_a_relative_s_word_for_the_user_is_no_name(tmp_path, local_embedder):
    assert _names("Mrs. Achterberg here, about my pension.", "Good morning, Mrs Achterberg.") == {
        ("surname", "Achterberg", "Mrs")}
    assert _names("my pupils call me Mr Lindqvist", "That has a nice ring.") == {("surname", "Lindqvist", "Mr")}
    assert not _names("my grandson Alfie calls me Grandad", "That's lovely.")
    card = card_of(tmp_path, local_embedder, [("Good afternoon, I am Dr. Wexford, a retired GP.",
                                               "Good afternoon, Dr. Wexford. How may I help?")])
    assert card.startswith("Who they are: Dr Wexford"), card


def test_a_surname_said_later_joins_the_name(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Hi, Imogen here", "Hi Imogen!"),
        ("for the form: my surname's Featherstone, it never fits in the boxes", "Long surnames are a pain."),
        ("can you word a message to reserve a table under Featherstone for two?",
         "Sure: Hello, I'd like to reserve a table for two under the name Featherstone.")])
    assert "Imogen Featherstone" in card
    card = card_of(tmp_path, local_embedder, [
        ("Hi, Imogen here", "Hi Imogen!"),
        ("reserve a table under Imogen for Friday, how do I word it?", "Try: a table for Friday under Imogen.")])
    assert "Imogen Imogen" not in card and "Who they are: Imogen" in card


def test_the_name_a_message_or_a_draft_is_signed_with():
    assert _names("Any tips for a lively sourdough starter? Thanks! - Bethan", "Feed it twice a day.") == {
        ("name", "Bethan", "")}
    assert _names("Could you look over my CV? Many thanks, Priyanka Raman", "Happy to.") == {
        ("name", "Priyanka", ""), ("surname", "Raman", "")}
    assert _names("Write a get-well card for my neighbour. Sign it from me, Ifeoma.",
                  "Get well soon! Love, Ifeoma") == {("name", "Ifeoma", "")}
    assert not _names("Write a get-well card for my neighbour. Sign it from Ifeoma and Tolu.",
                      "Get well soon! Love, Ifeoma and Tolu")
    assert not _names("Write a get-well card for my neighbour. Sign it from Gran.", "Get well soon! Love, Gran")


def test_more_openings_and_a_name_that_goes_on_as_someone_else_s():
    assert _names("Aye, it's Fergus. The boiler again.", "Hello Fergus, sorry to hear it.") == {("name", "Fergus", "")}
    assert _names("Evening! It's me, Rowan. Any news on my query?", "Evening, Rowan! Not yet.") == {
        ("name", "Rowan", "")}
    assert _names("I'm Tess", "Hi Tess!") == {("name", "Tess", "")}
    assert not _names("Grace here is my colleague, she'll join in", "Hi Grace!")


def test_a_draft_signed_with_a_full_name_and_a_title_after_it_or_put_at_the_bottom():
    assert _names("reply to a guest review please. sign it Katarzyna Wójcik, Front Office Supervisor",
                  "Dear guest, ... Kind regards, Katarzyna Wójcik, Front Office Supervisor") == {
        ("name", "Katarzyna", ""), ("surname", "Wójcik", "")}
    assert _names("Put Doyle Plumbing & Heating at the top and Ciarán Doyle at the bottom, with the fada.",
                  "DOYLE PLUMBING & HEATING ... Ciarán Doyle") == {("name", "Ciarán", ""), ("surname", "Doyle", "")}
    assert not _names("Write a card for the team. Sign it from Jo, Al and Sam.", "Love from Jo, Al and Sam")
    assert not _names("Sign it from Jo Smith and Al Brown.", "Love from Jo Smith and Al Brown")
    assert not _names("put Love Nana at the bottom", "Happy birthday! Love Nana")
    assert not _names("put Hollybrook Primary at the bottom", "Yours, Hollybrook Primary")
    assert not _names("put Auntie Sue at the bottom", "Love, Auntie Sue")


def test_a_last_name_is_a_surname_and_a_maiden_name_none_now():
    assert _names("my last name is Vance, for the booking", "Thanks.") == {("surname", "Vance", "")}
    assert _names("Hollis Woodcraft. Hollis is the surname, not very creative I know", "It has a ring.") == {
        ("surname", "Hollis", "")}
    assert not _names("Mine is the family name we kept", "Noted.")
    assert not _names("Mum's is the surname we use", "Noted.")
    assert not _names("my maiden name was Byrne", "Noted.")


def test_a_draft_signed_with_the_user_s_name_and_a_name_corrected(tmp_path, local_embedder):
    assert _names("Sign it Ola Nordmann", "Kind regards, Ola Nordmann") == {("name", "Ola", ""),
                                                                            ("surname", "Nordmann", "")}
    assert not _names("sign the card from Sophie's class", "Love from Sophie's class")
    card = card_of(tmp_path, local_embedder, [
        ("hello, Emer here", "Hi Emer! How can I help?"),
        ("sorry it's Eimear actually, not Emer, the phone changed it", "Sorry, Eimear!")])
    assert card.startswith("Who they are: Eimear"), card


def test_a_greeting_in_any_language_and_someone_in_the_user_s_life_presented_later(tmp_path, local_embedder):
    assert _names("Kia ora, Aroha here. Quick one about my rates bill", "Kia ora Aroha!") == {("name", "Aroha", "")}
    card = card_of(tmp_path, local_embedder, [
        ("my flatmate Suvi is new in the country", "How exciting for her!"),
        ("this is Suvi, she wants to ask about bus passes", "Hi Suvi! Happy to help."),
        ("Suvi again! the bus pass worked", "Great news, Suvi!")])
    assert "Who they are: Suvi" not in card, card


def test_a_name_taken_on_with_its_title_and_an_appointment_in_the_user_s_name():
    assert _names("Honeymoon over! It's Mrs Quigley now", "Congratulations, Mrs Quigley!") == {
        ("surname", "Quigley", "Mrs")}
    assert _names("the dentist appointment is in the name of Adewale, remind me Tuesday",
                  "Noted: Adewale, Tuesday.") == {("surname", "Adewale", "")}
    assert not _names("the parcel went under Dad's account, can you help?", "Sure, Dad's account it is.")
