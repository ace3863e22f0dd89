"""A commitment is the assistant's own promise: not words it quotes (a phrase it explains, a draft), without the
bracket it was said in, and too long for its line, without the reason it gives rather than cut mid-sentence; one
for a part of a month ("at the start of June", "mid-May") is due on a day of it."""

from __future__ import annotations

from memoryos_mcp.records import Value
from memoryos_mcp.usermodel.apply import apply
from memoryos_mcp.usermodel.commitments import reply_updates
from tests.test_user_slots import card_of


def promises(reply: str) -> list[str]:
    return [u.value for u in reply_updates(reply, "2027-03-01 10:00:00") if u.change == "add"]


def test_a_commitment_is_the_assistants_own_promise_without_its_bracket_or_reason():
    assert promises('Handy phrases:\n- **ASAP** – as soon as possible ("I\'ll send it ASAP")\n- **FYI** – for your '
                    'information') == []
    assert promises("Pay the deposit, then book the van (I'll remind you of the deadline).") == [
        "Remind the user of the deadline"]
    assert promises("I'll put together a packing list for the ferry crossing and the two nights in Rosslare, so "
                    "nothing is left behind and the car is not loaded at the last minute on the morning itself.") == [
        "Put together a packing list for the ferry crossing and the two nights in Rosslare"]


def test_words_drafted_for_the_user_to_send_hold_no_promise_of_the_assistants():
    assert promises("A short note might work:\n\n'Hey Priti, the boiler man comes on Thursday. I'll leave the side "
                    "gate open and I'll text you when he's gone.'\n\nFriendly and to the point.") == []
    assert promises('Try this: "Thanks for the offer! It is a busy month. I\'ll book a table for the two of us in '
                    'May instead."') == []
    assert promises("Hello Mr Brandt,\n\nThe fence panel fell into your garden in last night's storm. I'll have it "
                    "fixed by the weekend.\n\nBest wishes,\nOlu") == []
    assert promises("Hi Dermot, the car won't start so I'm on the later train. I'll check the timetable and let "
                    "you know. Cheers, F") == []


def test_the_assistants_own_greeting_does_not_make_its_reply_a_draft():
    """A letter runs from the greeting nearest its sign-off: the reply's own "Hi Noor," opens no draft."""
    assert promises("Hi Noor, good news on the flat! I'll remind you on Monday to pay the deposit. A reply for the "
                    "agent:\n\nDear Mr Osei,\nThank you, we accept the offer.\nKind regards,\nNoor") == [
        "Remind the user on Monday to pay the deposit"]

def test_a_promise_that_introduces_its_draft_is_kept_in_the_reply():
    assert promises("I'll write it up this evening: 'Dear committee, I'll step down as treasurer at the AGM.' "
                    "Shall I make it warmer?") == []
    assert promises("I'll draft it tonight: 'Hi Sir Jepoy, I'd like to formally resign from my barista position.' "
                    "Want it more formal?") == []
    assert promises('Say "not this time" if he rings. I\'ll remind you on 4 March to tell the agent "yes".') == [
        'Remind the user on 4 March to tell the agent "yes"']


def test_a_promise_ends_at_the_semicolon_that_closes_its_clause():
    assert promises("I'll remind you to renew the parking permit; the council takes a fortnight to post it.") == [
        "Remind the user to renew the parking permit"]


def test_a_reply_that_says_it_keeps_a_promise_closes_it_though_it_makes_another(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("We sell the boat in spring.", "I'll put together a boat-sale checklist for you when spring comes."),
        ("Spring is here!", "As promised, your boat-sale checklist: service the engine, photograph the hull, "
                            "find the papers (I'll remind you of the papers nearer the time)."),
    ], month="2027-03")
    assert "boat-sale checklist" not in card, card


def test_a_promise_for_a_weekday_alone_is_due_on_the_coming_one():
    """dateparser reads "Friday" said on Monday 1 March as 26 February; a promise is always ahead."""
    dues = [u.when for u in reply_updates("Sounds good. I'll remind you on Friday to water the seedlings.",
                                          "2027-03-01 10:00:00") if u.change == "add"]
    assert dues == ["2027-03-05"]


def test_a_promise_to_walk_through_nudge_or_keep_a_list_is_one():
    assert promises("When the move is over, I'll walk you through setting up the new boiler's app.") == [
        "Walk the user through setting up the new boiler's app"]
    assert promises("Good plan. I'll nudge you on 3 March to renew the parking permit.") == [
        "Nudge the user on 3 March to renew the parking permit"]
    assert promises("I'll keep a running list of the venues for the wedding.") == [
        "Keep a running list of the venues for the wedding"]
    assert promises("I'll keep it short: the blue one.") == []  # no promise of something to do


def test_a_reply_saying_like_i_promised_keeps_a_promise_though_it_makes_another():
    kept = reply_updates("Here's the packing list like I promised: passports, chargers, snacks. I'll remind you "
                         "on Friday to print the boarding passes.", "2027-03-01 10:00:00")
    assert [u.change for u in kept] == ["end", "add"]
    assert [u.change for u in reply_updates("Like I said, rest the knee. I'll remind you on Friday to book the "
                                            "physio.", "2027-03-01 10:00:00")] == ["add"]  # said, not kept


def test_a_thing_promised_twice_in_other_words_is_kept_once_for_both(tmp_path, local_embedder):
    card = card_of(tmp_path, local_embedder, [
        ("The allotment opens in April.", "I'll put together a sowing calendar for the allotment."),
        ("I'm away the first week of May.", "Send me your away dates and I'll build the sowing calendar around them."),
        ("Away 1-7 May.", "Here's your sowing calendar like I promised: broad beans in April, carrots after the 8th."),
        ("Also the shed needs a lock.", "I'll remind you on Friday to buy a padlock for the shed."),
    ], month="2027-03")
    assert "sowing calendar" not in card, card
    assert "padlock" in card, card  # another promise stays open


def test_a_promise_asked_as_a_question_is_an_offer_not_a_commitment():
    assert promises("Want to draft the first paragraph and I'll check it?") == []
    assert promises("I'll remind you on Friday to call the bank, okay?") == [
        "Remind the user on Friday to call the bank"]  # a tag asked after it offers nothing
    assert promises("I'll send you the packing list tomorrow, sound good?") == [
        "Send the user the packing list tomorrow"]
    assert promises("Draft the first paragraph. I'll check the paragraph on Monday.") == [
        "Check the paragraph on Monday"]


def test_a_promise_done_below_or_now_is_done_in_the_reply():
    assert promises("I'll go through each one below. The first is cheaper, the second is closer.") == []
    assert promises("I'll build you a simple budget now: rent 900, food 300, transport 120.") == []
    assert promises("I'll remind you on Friday to pack, now that the trip is set.") == [
        "Remind the user on Friday to pack, now that the trip is set"]
    assert promises("I'll nudge you every now and then to stretch.") == ["Nudge the user every now and then to stretch"]


def test_a_reply_keeping_one_reminder_keeps_no_other_that_shares_some_of_its_words():
    def open_(id_: int, text: str, when: str) -> Value:
        return Value(id_, "assistant", "commitment", text, "", when, "2027-03-01", None, "current")

    current = [open_(1, "Remind the user on 9 March about Mia's dentist appointment", "2027-03-09"),
               open_(2, "Remind the user on 19 March about Mia's school photo appointment", "2027-03-19")]
    kept = reply_updates("Reminder: Mia's dentist appointment is tomorrow at 10.", "2027-03-09 09:00:00")
    assert apply(current, kept, "2027-03-09").closed == {1: "done"}


def test_a_promise_for_a_part_of_a_month_or_for_weeks_ahead_is_due_on_the_day_they_end(tmp_path, local_embedder):
    def due(reply: str) -> list[str | None]:
        return [u.when for u in reply_updates(reply, "2027-03-10 10:00:00") if u.change == "add"]

    assert due("I'll remind you at the start of June to book the eye test.") == ["2027-06-01"]
    assert due("I'll nudge you in mid-May about the passport form.") == ["2027-05-15"]
    assert due("I'll remind you towards the end of next month to renew it.") == ["2027-04-30"]
    assert due("I'll remind you in late February to book the chimney sweep.") == ["2028-02-29"]
    assert due("I'll remind you at the start of marathon training to buy new shoes.") == [None]
    assert due("I'll remind you next week to chase the deposit you paid in early March.") == ["2027-03-21"]
    assert due("I'll check back in a week to see how Dottie's settling in.") == ["2027-03-17"]
    assert due("I'll send you the list in two weeks' time.") == ["2027-03-24"]
    card = card_of(tmp_path, local_embedder, [
        ("Our boiler service is due again this summer.", "I'll remind you at the beginning of July to book it."),
    ], month="2027-03")
    assert "(by Thu 1 Jul)" in card, card
