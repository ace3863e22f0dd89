"""A post held "in charge" is the job, someone in the user's life named plainly after their role ("My wife is
Niamh") is named, not given their name as a job, and a job said with the day it starts says it began then."""

from __future__ import annotations

from memoryos_mcp.search.asked import asked
from memoryos_mcp.search.time_query import asks_about_past
from tests.support import open_memory
from tests.test_user_slots import said


def test_a_post_in_charge_is_the_whole_job():
    assert ("user", "job", "pharmacist in charge", "") in said(
        "GOT IT!!!!! pharmacist in charge at anderson st. start monday 5 april, right after easter")
    assert ("user", "job", "engineer in charge", "") in said("I'm now the engineer in charge at Halden Energy.")
    assert ("user", "job", "pharmacist", "") in said("I'm a pharmacist in charge of the dispensary.")


def test_a_relative_named_after_their_role_is_named_and_their_name_is_no_job():
    assert ("Niamh", "role", "wife", "") in said("My wife is Niamh.")
    assert ("Jess", "role", "sister", "") in said("My sister is Jess, by the way.")
    found = said("My brother is Dev. He's an accountant.")
    assert ("Dev", "role", "brother", "") in found and ("Dev", "job", "accountant", "") in found, found
    assert not any(a == "job" and v == "dev" for _s, a, v, _d in found), found
    for text in ("My mum is Kalenjin.", "My dad is Catholic.", "My wife is Irish.", "My son is Autistic.",
                 "My husband is Tom Hardy's biggest fan.", "My wife is Lucy's godmother.",
                 "My wife isn't Niamh, that's my sister.", "My son is Joseph in the nativity.",
                 "My brother is Elvis at weddings.", "My husband is Tom Hanks' double.", "My father-in-law is Ken.",
                 "My husband is Sergeant Collins.", "My grandson is Spider-Man for Halloween.",
                 "My dad is Labour through and through."):
        assert not any(a == "role" for _s, a, _v, _d in said(text)), text


def test_a_job_started_on_a_day_said_with_it_answers_what_the_first_day_was(tmp_path, local_embedder):
    memory = open_memory(tmp_path, embedder=local_embedder)
    memory.add_memory("Accepted!! I start at Harbourlight Insurance on Monday 5 April.", "Huge congratulations!",
                      timestamp="2027-02-24 09:00:00")
    memory.flush()
    facts = [f.knowledge for f in memory.retrieve("What was my first day at Harbourlight Insurance?",
                                                  reference_time="2027-06-01 09:00:00").retrieved_user_knowledge]
    assert "User works at Harbourlight Insurance (since 2027-04-05)" in facts[:3], facts


def test_a_first_day_asked_of_is_a_time_of_what_holds_and_a_first_job_is_still_the_past():
    assert asked("What was my first day at Maplepay?").kind == "time"
    assert asked("What was my first day at Maplepay like?").kind is None
    assert not asks_about_past("What was my first day at Maplepay?")
    assert asks_about_past("What was my first job?")
