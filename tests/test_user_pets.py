"""The user's pets on the card with what they are: ten chats written blind (session 25) named a pet with its breed,
coat or age in ways nobody had read, and eight of their cards missed it (the pet, or what kind it is)."""

from __future__ import annotations

from tests.test_user_model import section
from tests.test_user_slots import card_of


def test_a_pet_described_in_a_list_after_who_it_is_has_its_breed_and_age(tmp_path, local_embedder):
    chat = [
        ("Pepper is my cat, a gray tabby, ten years old. Harold found her as a kitten.", "What a lovely story."),
        ("Our dog Ember is a yellow lab, eight years old, the sweetest girl you ever met.", "She sounds lovely."),
        ("took Biscuit to the vet this morning in Derek's truck. he's our goldendoodle, 5 years old and 70 pounds "
         "of pure drama", "Poor Biscuit!"),
    ]
    pets = section(card_of(tmp_path, local_embedder, chat), "People and pets")
    assert "Pepper (cat): gray tabby, age ten" in pets, pets
    assert "Ember (dog): yellow lab, age eight" in pets, pets
    assert "Biscuit (goldendoodle): age 5" in pets, pets


def test_a_pet_named_after_its_kind_or_beside_it(tmp_path, local_embedder):
    chat = [
        ("went to GAP today. met a greyhound called pepper, 4 yrs old, black with a white chest. it's over",
         "The lean is how greyhounds choose their people."),
        ("The flatmates are lovely. And there is a cat, Biscotto, orange and very fat.", "A flat cat!"),
        ("We have a cat, Sisi. Sisi is twelve, ginger, and hates everyone except Mum.", "A ginger cat!"),
        ("My sister came round with Biscuit, her dog. My boss has a tabby called Mochi.", "Busy day."),
    ]
    pets = section(card_of(tmp_path, local_embedder, chat), "People and pets")
    assert "Pepper (greyhound): age 4" in pets, pets
    assert "Biscotto (cat): orange" in pets, pets
    assert "Sisi (cat): ginger, age twelve" in pets and "Biscuit" not in pets and "Mochi" not in pets, pets


def test_what_a_pet_is_said_in_answer_to_the_assistant(tmp_path, local_embedder):
    chat = [
        ("last unload in Venlo then home tomorrow. Figa will go crazy", "Nearly home! Who's Figa?"),
        ("our dog. beagle, 4 years. she eat everything", "Classic beagle."),
        ("Home. Churro was waiting in the door crying", "Poor starving Churro 😄 Is he a cat or a dog?"),
        ("Cat, obvio. Orange, 4 years, very fat and very dramatic.", "An orange cat is always the main character."),
    ]
    pets = section(card_of(tmp_path, local_embedder, chat), "People and pets")
    assert "Figa (dog): beagle, age 4" in pets, pets
    assert "Churro (cat): orange, age 4" in pets, pets


def test_a_person_described_like_a_pet_is_no_pet(tmp_path, local_embedder):
    chat = [
        ("My sister Anna is great, she's 34 and a nurse.", "Lovely."),
        ("Who's Tom? Tom is my brother, a chef, 29.", "Nice."),
        ("My boss Priya is a cat person, she has a tabby called Mochi.", "Cute."),
    ]
    card = card_of(tmp_path, local_embedder, chat)
    people = section(card, "People and pets")
    assert "Anna (sister)" in people and "Tom (brother)" in people, people
    assert "Mochi" not in people and "Priya (cat" not in people and "Tom (dog" not in people, people


def test_a_pet_renamed_or_its_breed_put_right_and_someone_else_s_dog_is_no_pet(tmp_path, local_embedder):
    chat = [
        ("dspca rang. theres a dog they think suits me. 3 yr old greyhound called princess. meetin her sat",
         "Exciting! Greyhounds are famously lazy indoors."),
        ("shes home!! renamed her biddy, princess is no name for a dog in glasthule",
         "Welcome home, Biddy! It suits her much better."),
        ("took biddy to the vet for a check. actually shes a lurcher not a greyhound.",
         "So Biddy's a lurcher, not a greyhound; that explains the fluffy legs!"),
        ("Dot's been my neighbour thirty years her and her little dog Biscuit he's a shih tzu barks at the postie",
         "Every street has one."),
        ("Yes our Jack Russell. He's 6 and thinks he's a rottweiler. Named him Biltong", "Biltong sounds brave!"),
    ]
    pets = section(card_of(tmp_path, local_embedder, chat), "People and pets")
    assert "Biddy (lurcher)" in pets and "Princess" not in pets and "greyhound" not in pets, pets
    assert "Biscuit" not in pets and "rottweiler" not in pets, pets


def test_the_breed_of_a_pet_known_by_its_animal_is_what_kind_it_is(tmp_path, local_embedder):
    chat = [("We have a dog called Chato.", "What a name!"),
            ("he's our chihuahua, 3 years old, and thinks he owns the street", "Classic chihuahua.")]
    pets = section(card_of(tmp_path, local_embedder, chat), "People and pets")
    assert "Chato (dog): chihuahua, age 3" in pets, pets


def test_a_breed_said_with_an_age_or_a_cross_and_kept_when_the_animal_is_said_again(tmp_path, local_embedder):
    chat = [("Our dog, Biscuit, is an eleven-year-old Shih Tzu who is used to two long walks a day.", "Poor Biscuit."),
            ("bosco is my dog btw, beagle mix, 7 years old, howls at the mailman", "Classic beagle."),
            ("Rusty, my eleven-year-old Jack Russell cross, has terrible breath.", "A dental may help."),
            ("Rusty is my dog and he hates the vet.", "Most do.")]
    pets = section(card_of(tmp_path, local_embedder, chat), "People and pets")
    assert "Biscuit (dog): shih tzu, age eleven" in pets, pets
    assert "Bosco (dog): beagle mix, age 7" in pets, pets
    assert "Rusty (jack russell cross)" in pets, pets


def test_a_pet_s_name_said_as_a_word_after_the_is_no_pet(tmp_path, local_embedder):
    chat = [("Max is my dog, 6 years old.", "Hi Max!"), ("the max is 2 per person at the shop", "Annoying.")]
    pets = section(card_of(tmp_path, local_embedder, chat), "People and pets")
    assert "Max (dog): age 6" in pets, pets
