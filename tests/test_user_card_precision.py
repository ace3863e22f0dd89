"""What judges reading 28 cards against their chats (session 23) found wrong on them: promises the assistant had
kept still listed as open (kept in other words, with "here they are", "you asked me to remind you", a draft given
where it was promised, a week gone by), a reminder in a draft for the user taken for one kept, a drug the user is
allergic to or doses for a patient listed as taken, and a birthday told in the past ("Turned ten in January") shown
as coming up."""

from __future__ import annotations

from dataclasses import replace

from memoryos_mcp.language.nlp import parse
from memoryos_mcp.records import Value
from memoryos_mcp.usermodel.apply import apply
from memoryos_mcp.usermodel.commitments import reply_updates
from memoryos_mcp.usermodel.extract import page_updates
from tests.test_user_model import section
from tests.test_user_slots import card_of, said


def test_promises_kept_in_other_words_leave_the_open_commitments(tmp_path, local_embedder):
    chat = [
        ("Can you draft me a resignation letter? Short, not weird.",
         "Of course. I'll draft one tonight so you can tweak it before you talk to him."),
        ("Morning. Letter?", "Here you go: 'Dear Graham, please accept this as formal notice of my resignation. Best, "
                             "Jess'"),
        ("Any news on them train times for the Settle-Carlisle?",
         "Not yet. I'll check the timetable for Saturday 7 August and come back to you with the times."),
        ("Well?", "Here they are for Saturday 7 August: the 09:16 from Skipton gets into Carlisle at 11:05."),
        ("Neurologist in a few days. Remind me about the headache diary?",
         "I'll remind you to put the headache diary in your bag the day before the appointment."),
        ("neurologist tomorrow. anything I'm forgetting?",
         "The headache diary: you asked me to remind you today, so put it in your bag now."),
    ]
    card = card_of(tmp_path, local_embedder, chat, month="2027-07")
    assert "Open commitments" not in card, card


def test_a_reminder_inside_a_draft_for_the_user_keeps_no_promise(tmp_path, local_embedder):
    chat = [
        ("Photo book for mum: how long do those take?",
         "Usually 5-10 working days. I'll remind you on 6 December to order the photo book."),
        ("How do I politely chase a speaker who hasn't sent his slides?",
         '"Dear Dr Nowak, a gentle reminder: we still need your slides for your session. Thank you!" If nothing by '
         "Friday, call him."),
    ]
    promised = section(card_of(tmp_path, local_embedder, chat), "Open commitments")
    assert "photo book" in promised, promised


def test_a_promise_for_next_week_or_a_draft_given_where_it_is_promised_is_not_open_a_month_on(tmp_path,
                                                                                              local_embedder):
    chat = [
        ("We got a greyhound!", "Wonderful. I'll check back in a week to see how she's settling in."),
        ("can u help me make a resignation msg? last day 28 feb",
         "I'll draft it tonight: 'Hi Sir Jepoy, I'd like to formally resign from my barista position, effective 28 "
         "February.' Want it more formal?"),
        *[("Quick one: what's a good houseplant for a dark room?", "A ZZ plant or a snake plant.")] * 20,
        ("Thinking about a trip in the summer.", "Sounds lovely."),
    ]
    card = card_of(tmp_path, local_embedder, chat)
    assert "Open commitments" not in card, card


def test_a_drug_that_brought_a_reaction_is_an_allergy_and_a_dose_for_a_patient_is_not_taken():
    assert {(u[1], u[2]) for u in said("Penicillin. Blew up like a balloon in 1989. Always tell them")} >= {
        ("allergy", "penicillin")}
    assert not {u for u in said("Penicillin. Blew up like a balloon in 1989.") if u[1] == "medication"}
    found = said("As a student I came out in a terrible rash all over after amoxicillin and my face swelled.")
    assert ("user", "allergy", "amoxicillin", "") in found and not {u for u in found if u[1] == "medication"}
    assert not {u for u in said("Amoxicillin-clavulanate, 12.5 mg/kg twice daily, 4.2 kg cat, 50 mg tablets.")
                if u[1] == "medication"}
    assert not {u for u in said("My son came out in a rash after amoxicillin.") if u[1] in ("allergy", "medication")}
    assert ("user", "medication", "ramipril", "") in said("I take ramipril every morning.")
    assert not {u for u in said("The drug I'm allergic to, which is penicillin. Broke out in hives in 1994.")
                if u[1] == "medication"}
    assert ("user", "medication", "naproxen", "") in said("My ankle is swollen, so I am taking naproxen.")
    assert ("user", "medication", "ramipril", "") in said("The GP switched me from amlodipine to ramipril.")


def test_a_past_tense_without_its_subject_is_no_plan():
    assert not {u for u in said("Made a mistake before. He's ten. Turned ten in January and I'd clean forgot.")
                if u[1] == "plan"}
    assert {u for u in said("Sorted for Friday, the plumber's coming at 8.") if u[1] == "plan"}


def test_a_promise_said_by_a_pronoun_is_kept_by_a_reply_about_what_it_stands_for(tmp_path, local_embedder):
    chat = [
        ("I want a meal plan that fits my week.", "Send me your shift pattern and I'll build the plan around that."),
        ("What's a good houseplant for a dark room?", "A ZZ plant or a snake plant."),
        ("Is it worth descaling the kettle?", "Yes, every month or so in hard water."),
        ("Shifts are 6 to 2, Monday to Friday.", "Here's your week for that shift pattern: porridge before the 6am "
                                                 "start, a packed lunch at 10, dinner at 4."),
    ]
    card = card_of(tmp_path, local_embedder, chat)
    assert "Open commitments" not in card, card


def test_any_such_weekday_is_no_plan_and_a_month_with_its_year_is_a_month():
    assert not {u for u in said("ross thinks we should get married on a monday bc its cheaper") if u[1] == "plan"}
    assert not {u for u in said("She said yes. Saturday mornings with books and sea air!") if u[1] == "plan"}
    assert {u for u in said("The match is on Saturday.") if u[1] == "plan"}
    plans = [u for u in page_updates(parse(["Diesel's rabies tag says it expires July 2027, I need a booster."])[0],
                                     "", "2027-06-20 10:00:00", False) if u.attribute == "plan"]
    assert [u.when for u in plans] == ["2027-07"], plans


def test_a_day_or_a_time_is_no_home_or_job(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("My niece Ola turns six soon.", "Lovely."),
        ("Ola lives in 12 October, no wait, her birthday is 12 October and she lives in Gdańsk.", "Noted."),
    ])
    assert "lives in 12 October" not in card, card


def test_a_new_workplace_or_home_ends_the_boss_or_landlord_flatmate_and_neighbour_of_the_old(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I work at Hotel Stara Brama. My boss Mr Zajac is strict.", "OK."),
        ("My flatmate Ania is lovely.", "Nice."),
        ("First day at the Vistula Congress Centre done, left the hotel for good.", "Great."),
    ])
    assert "Zajac" not in section(card, "People"), card
    assert "Ania (flatmate)" in card, card
    card = card_of(tmp_path / "moved", local_embedder, [
        ("I live in Little Portugal. Mr Sousa is my landlord.", "OK."),
        ("My flatmate Liam is a chef. Our neighbour Ron feeds the cat when we're away.", "Handy."),
        ("We moved to Leslieville last weekend, a new flat! My new flatmate Jo is a nurse.", "Congratulations!"),
    ])
    people = section(card, "People")  # the landlord, flatmate and neighbour of the old home are not of the new
    assert "Sousa" not in card and "Liam (flatmate)" not in people and "Ron" not in people, card
    assert "Jo (flatmate)" in people, people


def test_a_new_job_or_home_told_ahead_is_dated_from_the_day_it_starts(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I work at Bosch as a test engineer.", "OK."),
        ("I accepted. I start at Porsche in Zuffenhausen on 3 May as validation engineer.", "Congratulations!"),
        ("I live in Marchmont, Edinburgh.", "Lovely."),
        ("We found a flat in Sendling! We move in on 28 May.", "Exciting!"),
    ], month="2027-03")
    changes = section(card, "Recent changes")  # said in March: from the day ahead, not "since" it
    assert "Porsche from Mon 3 May" in changes and "Sendling from Fri 28 May" in changes, changes
    assert "starts as validation engineer at Porsche" in card, card


def test_a_draft_handed_over_keeps_the_promise_made_before_it(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("Offer came! Please help me resign.", "Congratulations! Tell me your notice period and I'll draft the "
                                               "resignation letter for you."),
        ("Notice is one month.", "Here is the draft:\n\nDear Mr Bapat,\nI am resigning from my position. Regards"),
    ])
    assert "Open commitments" not in card, card


def test_a_reminder_is_not_kept_before_its_day_nor_by_a_reply_sharing_only_its_weekday():
    promised = Value(1, "assistant", "commitment", "Remind the user on Friday morning to leave for the dentist", "",
                     "2027-03-12", "2027-03-09", None, "current")
    for reply in ("Here you go: banana bread, 3 bananas, 200 g flour, bake 50 minutes.",
                  "You asked me to remind you on Friday morning to leave for the dentist, and I will.",
                  "Here are the opening hours for Friday: 9 to 5."):
        assert apply([replace(promised)], reply_updates(reply, "2027-03-10 10:00:00"), "2027-03-10").closed == {}, \
            reply
    kept = reply_updates("Reminder: leave for the dentist now, your appointment is at 10.", "2027-03-12 08:00:00")
    assert apply([replace(promised)], kept, "2027-03-12").closed == {1: "done"}
    evening_before = reply_updates("And it's nearly Friday, so a reminder: leave for the dentist first thing!",
                                   "2027-03-11 22:00:00")
    assert apply([replace(promised)], evening_before, "2027-03-11").closed == {1: "done"}


def test_what_the_review_found_the_new_rules_took_wrongly():
    plans = {t: bool({u for u in said(t) if u[1] == "plan"}) for t in (
        "Signed up for a 10k on Sunday!", "Invited to Priya's party on Saturday!", "a June 12 deadline for the grant",
        "I usually run on Saturdays, but this Saturday I have the half marathon.")}
    assert all(plans.values()), plans
    medication = {t: {u[2] for u in said(t) if u[1] == "medication"} for t in (
        "My knee is still swollen even after taking naproxen.", "I weigh 82 kg and I take ramipril.", "Metformin.")}
    assert all(medication.values()), medication
    for text in ("My daughter's face swelled up after amoxicillin.", "The swelling went down after the ibuprofen.",
                 "Is it normal to get a rash after amoxicillin?", "My hand is swollen from the dog bite."):
        assert not {u for u in said(text) if u[1] == "allergy"}, text
    assert ("user", "employer", "Studio 54 Marketing", "") in said("I work at Studio 54 Marketing.")
    assert [u.value for u in reply_updates("I'll remind you on Friday to send this to your landlord: 'Dear Mr Li, "
                                           "the boiler is broken.'", "2027-03-10 10:00:00")] == [
        "Remind the user on Friday to send this to the user's landlord"]
    assert [u.when for u in reply_updates("I'll get back to you next week.", "2027-03-10 10:00:00")] == ["2027-03-21"]


def test_a_teammate_and_a_flatmate_are_not_left_with_the_job(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("I work at Tesco. My manager Claire is lovely.", "Nice."),
        ("My teammate Jo scored twice at netball.", "Great."),
        ("First day at Aldi done, left Tesco for good.", "Well done."),
    ])
    assert "Jo (teammate)" in card and "Claire" not in card, card


def test_what_the_second_review_found(tmp_path, local_embedder):
    assert ("user", "allergy", "penicillin", "") in said("Penicillin.", question="Do you have any drug allergies?")
    assert ("user", "medication", "metformin", "") in said("Metformin.", question="Are you on any medication?")
    for text in ("Penicillin. Blew up like a balloon, never touched it since.",
                 "I came out in hives after amoxicillin, it was horrible."):
        found = {(u[1], u[2]) for u in said(text)}
        assert {("allergy", "penicillin"), ("allergy", "amoxicillin")} & found and not {
            u for u in found if u[0] == "medication"}, text
    for text in ("My daughter was covered in a rash after amoxicillin.",
                 "My ankles have been really swollen from the amlodipine."):
        assert not {u for u in said(text) if u[1] == "allergy"}, text
    for text in ("Finished my last shift, flying home on Saturday!", "Moved into the new flat, party on Saturday!"):
        assert {u for u in said(text) if u[1] == "plan"}, text
    card = card_of(tmp_path, local_embedder, [
        ("I work at Aldi.", "OK."),
        ("New job at Tesco, started yesterday! My holiday starts on 12 October.", "Congratulations!"),
    ])
    assert "Tesco since Mon 2 Nov" in card, card


def test_a_town_the_tagger_takes_for_a_person_is_no_one_the_next_his_or_her_points_to(tmp_path, local_embedder):
    """Session 24's judge of a blind card: "Walt (Worcester's husband)" and "Worcester: lives in Shrewsbury"."""
    card = card_of(tmp_path, local_embedder, [
        ("My sister Eileen turns 75 in May. She lives out in Worcester with her husband Walt.", "Lovely!")])
    assert "Walt (Eileen's husband)" in card and "Worcester's" not in card, card
    assert ("Sam", "role", "Jo's boyfriend", "") in said("We had dinner at Jo's with her new boyfriend Sam.")


def test_a_judgement_of_how_one_does_a_thing_is_no_job():
    """Session 24: "Job: mediocre painter" on the card of a retired teacher who left a watercolour class."""
    for text in ("Honestly, I'm a mediocre painter and I've made my peace with it.", "I'm a terrible cook.",
                 "My husband is a lousy driver.", "Tom, a keen gardener, came round."):
        assert not {u for u in said(text) if u[1] == "job"}, text
    assert ("user", "job", "qualified electrician", "") in said("I'm a qualified electrician.")
    assert ("husband", "job", "bus driver", "") in said("My husband is a bus driver.")


def test_what_judges_of_four_blind_cards_found_wrong(tmp_path, local_embedder):
    """Session 25's judges of the cards of four chats written blind: "Asleep (child)" and "Feral (child)" from "my kids
    are feral", a film named after who came round ("Inès came over, we watched Ratatouille ..., it's our favourite
    film"), a father "retired" who retires in September, the user living where the daughter they were asked about
    lives, the father's broken wrist as the user's."""
    card = card_of(tmp_path, local_embedder, [
        ("it's 104 today and my kids are feral", "Stay cool!"),
        ("ok kids are asleep!! my kids are mia and jack.", "Mia and Jack, got it."),
        ("Inès came over, we watched Ratatouille for the hundredth time, it's our favourite film since we met",
         "Ratatouille is a classic."),
        ("Papa Alain is finally retiring from the shipyard in Saint-Nazaire in September, after 38 years",
         "Congratulations to him!"),
        ("my daughter eilidh came up from glasgow last night. shes a nurse at the royal infirmary",
         "That's handy. How old is Eilidh?"),
        ("26. lives in partick now", "Partick is a lovely part of Glasgow."),
        ("my da had a fall this morning, ambulance took him in", "I'm sorry. Do they know yet if he's hurt badly?"),
        ("broken wrist and bruised all over. stubborn old goat", "Poor man."),
    ])
    people = section(card, "People and pets")
    assert "Asleep" not in people and "Feral" not in people and "Mia (child)" in people, card
    assert "favourite film: Ratatouille" in card and "retired" not in card, card
    assert "Eilidh (daughter): nurse at Royal Infirmary, lives in Partick, age 26" in people, card
    assert card.count("Partick") == 1 and "wrist" not in card, card
    assert ("mum", "job", "retired", "") in said("My mum is retiring today.")
    assert ("user", "favourite:band", "pearl jam", "") in said("pearl jam announced a tour. they're my favorite band")


def test_a_draft_handed_over_when_asked_for_keeps_the_promise_of_days_before(tmp_path, local_embedder):
    """Session 25: a CV, a speech and a letter promised, asked for days later ("wheres this cv", "speech draft
    ready?") and handed over ("Here it is. ...") stayed open on blind cards; so did a first "I'll write a draft"
    said again as "I'll write the cover letter draft" before the letter came."""
    card = card_of(tmp_path, local_embedder, [
        ("never wrote a cv in my life", "I'll draft a CV for you: tell me what certificates you hold."),
        ("sea survival, fire fighting, first aid", "That's a solid set of tickets."),
        ("doctor says probably a bulging disc", "That's a clear plan."),
        ("right wheres this cv then", "Here it is.\n\nCALLUM MACINNES, Oban\nProfile: owner-skipper, 30 years at sea."),
        ("I want this job so much", "Tell me about your background and I'll write a draft."),
        ("Master at the Bartlett, thesis on retrofit", "I'll write the cover letter draft and send it tomorrow."),
        ("So, this letter?", "Here's your draft:\n\nDear Marrow & Finch team, I'd like to apply ..."),
    ])
    assert "Open commitments" not in card, card
    promised = section(card_of(tmp_path / "new", local_embedder, [
        ("Your packing tips were great", "I'll send you the packing list for Porto tomorrow."),
        ("Could you help me with a letter to the council to close mum's account?",
         "Of course. Here's a draft:\n\nDear Sir or Madam, please close the account ..."),
    ]), "Open commitments")
    assert "packing list" in promised, promised


def test_words_shouted_in_capitals_are_read_and_studies_done_are_no_studies_now(tmp_path, local_embedder):
    """Session 25, blind cards: "LILY IS FOUR TODAY!!!" left Lily three; "I did my Master at the Bartlett, finished
    in 2025" showed "studies Master at Bartlett" a year into her job; "27th it is" (a day for dinner) showed as a
    tool used; "WE FINALLY GOT THE KEYS!!!" left the new home in lower case."""
    card = card_of(tmp_path, local_embedder, [
        ("Ava is 10 and Lily is three", "Busy!"),
        ("LILY IS FOUR TODAY!!! she woke up and announced she's big now", "Happy 4th birthday, Lily!"),
        ("I did my Master (Part 2) at the Bartlett, finished in 2025.", "That's a strong story."),
        ("27th it is. christmas dinner on the 27th in this house", "A late Christmas."),
        ("viewing a flat in ruczaj at 2, 2 rooms", "Good luck with the viewing!"),
        ("WE FINALLY GOT THE KEYS!!! standing in an empty flat", "Congratulations! Your own flat in Ruczaj."),
    ])
    assert "Lily: age four" in card and "Bartlett" not in card and "27th" not in card, card
    assert "lives in Ruczaj" in card, card
    assert ("user", "studies", "master in Logistics at Gdańsk University", "") in said(
        "I'm doing my master in Logistics at Gdańsk University.")


def test_what_judges_of_four_more_blind_cards_found_wrong(tmp_path, local_embedder):
    """Session 25, cards of four more chats written blind, judged before any rule was written from them: "Valencia:
    age 29" (a town the tagger took for a person, then "he"), "Works at: Ama" ("Cleaning my flat for Ama"), a sister
    living in Canada because "Ama says she's moving to Canada", and a job accepted in May from 1 September shown as
    held since May."""
    card = card_of(tmp_path, local_embedder, [
        ("My brother Diego call me this morning. He is chef in a restaurant in Valencia, arroz and all that. He is "
         "29, the baby of the family", "Paella cooked by the chef himself!"),
        ("my sister Ama is a pharmacist in Manchester", "Lovely."),
        ("Cleaning my flat for Ama. I'm giving her my bed.", "That's a generous host!"),
        ("Dinner with Ama. Ama says she's moving to Canada.", "A sister who wants to emigrate!"),
        ("I'm a PhD student at the University of Toronto", "OK."),
        ("I accepted! Process engineer at Ventus Carbon from 1 December. I'll stay part-time until then.",
         "Fantastic news, congratulations!"),
    ])
    people = section(card, "People and pets")
    assert "Diego (brother): chef, age 29" in people and "Valencia" not in card, card
    assert "Ama (sister): pharmacist, lives in Manchester" in people and "Works at: Ama" not in card, card
    assert "starts as process engineer at Ventus Carbon on Tue 1 Dec" in card, card
    assert ("user", "employer", "Stagecoach", "") in said("I drive a bus for Stagecoach.")  # a job, with its object


def test_promises_to_write_of_one_talk_are_kept_by_one_hand_over(tmp_path, local_embedder):
    """Session 25, blind cards: "I'll turn them into a 300-word draft" then "I'll write the draft and send it
    tomorrow", and "I'll write you out a lower-salt chicken and noodles" then "I'll have it for you soon": the one
    hand-over the next day kept one of each pair."""
    card = card_of(tmp_path, local_embedder, [
        ("its a short expression of interest thing, 300 words max",
         "Send me some bullet points and I'll turn them into a 300-word draft for you."),
        ("3 yrs manual testing at kestrel, found the big tax code bug last april",
         "That's a strong set of points, especially the tax code bug. I'll write the draft and send it to you "
         "tomorrow evening."),
        ("hows the draft", "Here it is (about 280 words):\n\n\"I'd like to be considered for the role. Last April I "
                           "caught the tax code bug before it reached production.\""),
        ("Could you help me make a lower-salt chicken and noodles?",
         "Absolutely. I'll write you out a lower-salt version of your chicken and noodles in the next day or two."),
        ("I make my own noodles.", "Then we'll keep your homemade noodles as they are and do the work in the broth. "
                                   "I'll have it for you soon."),
        ("Have you had a chance to work on the chicken and noodles?",
         "Good morning! Here's your lower-salt chicken and noodles. Simmer a whole chicken for two hours."),
    ])
    assert "Open commitments" not in card, card


def test_what_the_user_asks_of_the_assistant_for_a_day_is_no_plan(tmp_path, local_embedder):
    """Judges found "Coming up: Fri 11 Jun: Remind them next Friday, they get paid then" and "Mon 13 Dec: Please,
    like the Monday before": the day belongs to the assistant's promise, listed as one."""
    card = card_of(tmp_path, local_embedder, [
        ("remind me next friday, I get paid then", "Will do: I'll remind you on Friday."),
        ("YES pls, like the Monday before so I don't lose it", "I'll send you a packing list on Monday 20 December."),
        ("Just so you know, my dentist appointment is on 15 December", "Noted."),
    ])
    assert "Coming up:\n- Tue 15 Dec: Just so the assistant know, their dentist appointment" in card, card
    assert "Remind them" not in card and "Please" not in card and "Remind the user on Friday" in card, card


def test_a_drug_stopped_by_it_for_another_ends(tmp_path, local_embedder):
    """Judges of blind cards found a blood pressure drug the doctor stopped still taken, beside the one started for
    it, in two voices: "She has stopped it and started me on amlodipine", "she's taking me OFF it and putting me on
    amlodipine 5 mg instead", the drug named before "it"."""
    for told in ("She agrees that the lisinopril is most likely the cause of my cough. She has stopped it and "
                 "started me on a medicine called amlodipine, five milligrams once a day.",
                 "Dr. Haddad says it's almost certainly the lisinopril causing the cough, so she's taking me OFF it "
                 "and putting me on amlodipine 5 mg instead."):
        card = card_of(tmp_path / str(len(told)), local_embedder, [
            ("I take lisinopril for my blood pressure.", "OK."), (told, "Noted.")])
        assert "takes amlodipine" in card and "takes lisinopril" not in card, card


def test_a_drug_said_first_then_the_hives_it_brings_is_an_allergy(tmp_path, local_embedder):
    """A blind card said "takes penicillin" of a user who had told of her allergy to it: "They asked about allergies
    three times. Penicillin, since I was a child; I come up in hives." Taken for a drug she takes, it also hid which
    drug a later "she's switched me to losartan" replaced."""
    card = card_of(tmp_path, local_embedder, [
        ("Dr Malik has started me on amlodipine, 5mg once a day.", "A very common first choice."),
        ("They asked about allergies three times. Penicillin, since I was a child; I come up in hives.",
         "It matters whenever someone prescribes for you."),
        ("She thinks the ankle swelling is from the amlodipine, so she's switched me to losartan, 50mg once a day.",
         "Losartan doesn't usually cause ankle swelling."),
    ])
    health = section(card, "Health and diet")
    assert "allergic to penicillin" in health and "takes losartan" in health, card
    assert "takes penicillin" not in health and "takes amlodipine" not in health, card


def test_what_a_review_of_this_session_found(tmp_path, local_embedder):
    """A reviewer's cases against the session's own rules: a retirement today after 40 years, a move someone said
    they made, a drug taken for a rash, acronyms side by side, a drug named long before "stopped it", a question about
    "your sister", a hand-over of a new request in other words, and one word shared by two promises of a day."""
    assert ("mum", "job", "retired", "") in said("My mum is retiring today after 40 years.")
    assert ("mum", "home", "Leeds", "") in said("Mum said she moved to Leeds last year.")
    assert ("user", "medication", "ibuprofen", "") in said("Ibuprofen, twice a day, for the rash on my arm.")
    assert ("user", "employer", "NHS UK", "") in said("I work at NHS UK.")
    card = card_of(tmp_path, local_embedder, [
        ("I take metformin for diabetes.", "OK."),
        ("The lisinopril gave me a cough so she stopped it and started me on amlodipine.", "Noted."),
        ("my sister is coming up from glasgow", "Lovely. How old is your sister?"),
        ("26. lives in partick now", "Partick is a lovely part of Glasgow."),
        ("Any tips for the trip?", "I'll send you the packing list for Porto on 20 December."),
        ("Could you help me with a letter to the council?", "Here's the draft:\n\nDear Sir or Madam, ..."),
        ("I need a cover letter for the Porto job", "I'll write the cover letter for the Porto job tonight."),
        ("wheres the cover letter", "Here it is:\n\nDear Hiring Manager, I'd love to join your Porto office."),
    ])
    assert "takes metformin" in card and "takes lisinopril" not in card, card
    assert "Sister: lives in Partick, age 26" in card and card.count("Partick") == 1, card
    assert "packing list for Porto" in section(card, "Open commitments") and "cover letter" not in card, card
