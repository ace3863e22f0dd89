"""A commitment is the assistant's own promise: not words it quotes (a phrase it explains, a draft), without the
bracket it was said in, and too long for its line, without the reason it gives rather than cut mid-sentence."""

from __future__ import annotations

from memoryos_mcp.usermodel.commitments import reply_updates


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
