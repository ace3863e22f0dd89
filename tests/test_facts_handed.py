"""What the assistant handed the user (a list, a plan, a draft) is one fact with what it is."""

from __future__ import annotations

from memoryos_mcp.language.facts.delivered import handed
from memoryos_mcp.language.offline import OfflineLLM
from memoryos_mcp.models import PageText


def test_a_list_introduced_with_here_s_is_one_fact_with_what_it_is():
    given = handed("A week today! As promised, here's your hospital packing list: loose nightdresses, a dressing "
                   "gown, flat slippers and a long phone charger.")
    assert given is not None and given.fact == ("Assistant gave the user their hospital packing list: loose "
                                                "nightdresses, a dressing gown, flat slippers and a long phone charger")
    assert given.start == len("A week today! ")
    given = handed("As promised, the Postgres migration checklist:\n1. Convert the types.\n2. Reset the sequences "
                   "with setval.")
    assert given is not None and given.fact == ("Assistant gave the user the Postgres migration checklist: Convert the "
                                                "types; Reset the sequences with setval")
    given = handed("Here you go:\n\n'Dear Graham, please accept this as formal notice of my resignation.'")
    assert given is not None and given.fact.startswith("Assistant gave the user: 'Dear Graham, please accept")


def test_a_heading_of_a_thought_or_of_nothing_hands_nothing_over():
    for reply in ("Here's the thing: you need to rest first.", "Here's what I'd do: ring them tomorrow.",
                  "Here it is: done.", "Good luck with the move on Friday!", "The rule is simple: rest.",
                  "Here are my thoughts: go for it, really.", "Here's to a great week: enjoy every day of it!",
                  "Here's where I think you went wrong: the dates.", "Here is a question for you: why now, though?"):
        assert handed(reply) is None, reply


def test_what_was_handed_is_clipped_at_a_word():
    given = handed("Here's your plan: " + "run two minutes, walk one; " * 100)
    assert given is not None and given.fact.endswith(" ...") and len(given.fact) < 1100


def test_a_promise_or_advice_after_the_list_stays_a_fact_of_its_own():
    facts = OfflineLLM().assistant_facts([PageText(
        "checklist?", "Here's your moving checklist:\n1. Book the van.\n2. Tell the council.\n3. Redirect post.\n\n"
        "I'll check in with you on Friday to see how it's going. I recommend starting with the loft.",
        "2027-03-01 10:00:00")])
    assert facts[0].startswith("Assistant gave the user their moving checklist: Book the van; Tell the council"), facts
    assert facts[1] == ("Assistant promised to check in with the user on Friday to see how it's going; Assistant "
                        "recommended starting with the loft"), facts
