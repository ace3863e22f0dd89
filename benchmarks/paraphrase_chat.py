"""A realistic conversation written for the paraphrase benchmark and tests, with questions that say
what was said in other words.

Priya talks to her assistant over four months: a new job, her partner Sam (vegetarian), a rescue cat
named Miso, a peanut allergy, her sister's move abroad, a trip to Japan, a race, a move. Between the
personal exchanges she asks for everyday help (SQL, recipes, e-mails), as users do. A page that a
question is about carries `meta_data.key`.

Two sets of questions were written before any retrieval change: `DEV_QUESTIONS` to develop with,
`HELD_OUT_QUESTIONS` to report. Each names the keys of the pages that answer it; it is found at k
when one of them is among the first k ranked pages. The questions avoid the pages' own words, as a
user weeks later does ("Is there any food I must avoid?" for "I'm allergic to peanuts").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any


@dataclass(frozen=True)
class Question:
    text: str
    keys: tuple[str, ...]


#: Sessions: (date, exchanges); an exchange is (user, assistant, key or "").
SESSIONS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("2025-03-03 18:30", (
        ("Hi! I'm Priya. I just started a new job as a data analyst at Harbor Health Insurance.",
         "Congratulations, Priya! How is the first week going?", "job"),
        ("My manager Tom seems nice but onboarding is a mess, nobody gave me a laptop for two days.",
         "That sounds frustrating. It usually settles after the first couple of weeks.", ""),
        ("I take the ferry to the office now, forty minutes each way.",
         "A boat ride every morning is not the worst way to start the day.", "commute"),
        ("Can you explain what a left join does in SQL?",
         "A left join keeps every row of the left table and adds the matching rows of the right one, "
         "with nulls where nothing matches.", ""),
        ("Thanks, that makes sense. I'll be writing a lot of SQL reports here.",
         "You will be fluent in no time. Ask me whenever a query misbehaves.", ""),
    )),
    ("2025-03-06 20:10", (
        ("I'm allergic to peanuts, even a trace of them and I need my EpiPen.",
         "That is serious. Always check labels, and tell restaurants before you order.", "peanut"),
        ("My partner Sam went vegetarian last year, so dinners at home are mostly veggie now.",
         "Plenty of great meals there. Beans, lentils and tofu go a long way.", "vegetarian"),
        ("Any ideas for a quick dinner with lentils?",
         "A red lentil dal with garlic, ginger and tomatoes takes twenty-five minutes.", ""),
        ("Sam loved the dal, thanks!", "Glad it worked. It freezes well too.", ""),
    )),
    ("2025-03-10 19:00", (
        ("We adopted a grey tabby cat from the shelter and named her Miso!",
         "How lovely! Miso is a great name for a cat.", "adoption"),
        ("Miso hides under the bed all day, is that normal for a rescue?",
         "Yes, give her time and a quiet room. Most rescues come out within a week or two.", ""),
        ("Which litter is best for a small flat?",
         "Clumping unscented litter is the usual choice; clean it daily.", ""),
    )),
    ("2025-03-14 21:00", (
        ("My sister Anika got a design job in Lisbon and moves there in April.",
         "Exciting for her! Lisbon is a beautiful city.", "sister"),
        ("Mum is worried about Anika being so far away, she phones me every night about it.",
         "It is hard for parents. Maybe a video call with all three of you would reassure her.", "mum"),
        ("Dad turns sixty in June, we're planning a surprise party in Leeds.",
         "A milestone! Do you have a venue yet?", "dad_plan"),
        ("Not yet, maybe the cricket club where he plays on Sundays.",
         "That would feel personal. Book early for a June date.", ""),
    )),
    ("2025-03-18 18:45", (
        ("Tom asked me to build a dashboard for the claims team by the end of the month.",
         "A good chance to show what you can do. Start from the questions they ask most.", "dashboard"),
        ("How do I make a bar chart in pandas?",
         "df.plot.bar(x='column', y='value') draws one; call plt.show() to display it.", ""),
        ("I presented my first analysis to the directors today and my hands were shaking.",
         "Everyone's do the first time. How did they react?", "presentation"),
        ("They asked good questions and the finance director wants a follow-up next quarter.",
         "That is a very good sign.", "presentation"),
    )),
    ("2025-03-22 10:15", (
        ("Took Miso to the clinic this morning. She has a mild ear infection and we got drops for ten days.",
         "Poor Miso. Ear infections clear up quickly with drops.", "vet"),
        ("She hates the drops, my arms are covered in scratches.",
         "Wrapping her in a towel, burrito style, makes it much easier.", ""),
        ("Can you write a short e-mail asking my landlord to fix the boiler?",
         "Dear Mr Hughes, the boiler in the flat has stopped heating water since Monday. Could you arrange "
         "a repair this week? Kind regards, Priya", ""),
    )),
    ("2025-03-27 20:30", (
        ("Sam and I booked flights to Japan for the last two weeks of May!",
         "Wonderful! Tokyo and Kyoto?", "japan"),
        ("Yes, and we want to stay in a ryokan in Kyoto for two nights.",
         "A ryokan with a hot spring bath is unforgettable.", "ryokan"),
        ("How much cash should we bring to Japan?",
         "Many small places are cash only; around 30,000 yen each for the first days is comfortable.", ""),
    )),
    ("2025-04-02 07:20", (
        ("I signed up for a 10k race in June, training three mornings a week.",
         "Great goal! Build up slowly and keep one long easy run a week.", "race_plan"),
        ("My knee aches after the long runs, the physio says I overpronate.",
         "Supportive shoes and strengthening your hips usually help with that.", "knee"),
        ("What should I eat before an early run?",
         "A banana or toast with jam an hour before is easy on the stomach.", ""),
    )),
    ("2025-04-08 19:40", (
        ("Tom is leaving the company, and from next week I report to a woman called Grace.",
         "Changes like that can be good. Do you know anything about her?", "new_boss"),
        ("Grace wants weekly one-on-ones, which is nice honestly.", "Regular check-ins help a lot.", ""),
        ("Can you help me phrase a goodbye message for Tom's card?",
         "Thank you for making my first weeks so welcoming. Good luck with what comes next!", ""),
    )),
    ("2025-04-12 11:00", (
        ("Our landlord is selling the flat, so we have to move out by July.",
         "That is stressful. Start looking early, summer is busy.", "move"),
        ("We viewed a two-bedroom place near the park in Clifton, the rent is a bit high though.",
         "Clifton is lovely. Maybe you can negotiate on a longer lease.", "clifton"),
    )),
    ("2025-04-20 17:00", (
        ("Helped Anika pack her whole life into twelve boxes this weekend.",
         "That is a lot of memories in twelve boxes.", "packing"),
        ("She flies to Lisbon on Thursday, I'm going to cry at the airport.",
         "It is fine to cry. Plan your first visit so there is something to look forward to.", "packing"),
        ("What is a good gift for someone starting out in a new country?",
         "A framed photo of home, or a guidebook with your notes in it.", ""),
    )),
    ("2025-04-26 21:30", (
        ("I started a pottery class on Wednesday evenings, my first bowl looks like an ashtray.",
         "Everyone's first bowl does! Centering the clay takes a few weeks.", "pottery"),
        ("How do I stop clay from sticking to my hands?",
         "Keep your hands wet but not dripping, and use a sponge.", ""),
    )),
    ("2025-05-02 19:10", (
        ("Sam's birthday is next Friday, I'm taking him to the new vegetarian tasting menu place.",
         "He will love it. Have you booked?", "sam_birthday"),
        ("Booked for eight o'clock. Should I get him a gift too?",
         "Something small, like a cookbook from a chef he likes.", ""),
    )),
    ("2025-05-10 23:50", (
        ("I keep waking up at 4am thinking about work and can't fall back asleep.",
         "That sounds exhausting. Is something at work weighing on you?", "sleep"),
        ("The GP suggested cutting out coffee after noon and no screens in bed.",
         "Good advice. It takes a week or two to notice a difference.", "gp"),
    )),
    ("2025-05-19 22:00", (
        ("We're in Tokyo! The jet lag is brutal but the ramen was worth it.",
         "Enjoy! Try to stay up until the evening to reset your clock.", "tokyo"),
        ("Kyoto was magical, we wore yukatas and soaked in the hot spring every evening.",
         "That sounds perfect. Did you visit Fushimi Inari?", "kyoto"),
        ("I left my phone on the bullet train, but the staff had it waiting at the next station!",
         "Japanese lost and found is famously good. What a relief.", "phone"),
    )),
    ("2025-06-09 20:00", (
        ("Dad's surprise party went perfectly, he actually cried when he walked in.",
         "That is the best reaction. Sixty in style!", "party"),
        ("Finished the 10k in 58 minutes! My knee held up.", "Fantastic, under an hour on your first race!",
         "race"),
        ("Miso got out through the window and was gone all night, we found her in the neighbour's shed.",
         "What a scare. Maybe a screen on that window?", "escape"),
    )),
    ("2025-06-21 15:00", (
        ("We signed the lease for the Clifton flat, moving day is July 5th.",
         "Congratulations! Start packing early.", "lease"),
        ("Can you make me a packing checklist?",
         "Boxes, tape, labels, a first-night bag, and a list of addresses to update.", ""),
    )),
)

#: Everyday requests after the last personal session: the recent pages short-term memory holds.
RECENT: tuple[tuple[str, str], ...] = (
    ("How do I remove duplicates from a list in Python?", "list(dict.fromkeys(items)) keeps the order."),
    ("What's a good stretch for tight hamstrings?", "A standing forward fold, held for thirty seconds."),
    ("Suggest a podcast about history.", "Try 'The Rest Is History'."),
    ("How long do I boil an egg for a runny yolk?", "Six minutes from boiling water."),
    ("Translate 'thank you very much' into Portuguese.", "Muito obrigado, or obrigada if you are a woman."),
    ("What's the difference between a median and a mean?", "The median is the middle value; the mean the average."),
    ("Give me a synonym for 'important'.", "Significant, crucial, essential."),
    ("How do I unclog a sink without chemicals?", "Baking soda, then vinegar, then hot water."),
    ("What time zone is Lisbon in?", "Western European Time, the same as London."),
    ("Recommend a board game for two players.", "Patchwork or Jaipur."),
    ("How do I centre a div in CSS?", "display: grid; place-items: center on the parent."),
    ("What's a polite way to decline a meeting?", "Thank them and suggest an async update instead."),
)

DEV_QUESTIONS: tuple[Question, ...] = (
    Question("Is there any food I must avoid for health reasons?", ("peanut",)),
    Question("What did the vet say about my cat?", ("vet",)),
    Question("Which city did my sibling relocate to?", ("sister", "packing")),
    Question("Who is my new manager?", ("new_boss",)),
    Question("What does my partner not eat?", ("vegetarian",)),
    Question("How do I get to work every day?", ("commute",)),
    Question("What happened when my pet went missing?", ("escape",)),
    Question("Why do we have to find a new place to live?", ("move",)),
    Question("What was my finishing time in the running event?", ("race",)),
    Question("What's wrong with my leg when I jog?", ("knee",)),
    Question("What crafty hobby did I pick up?", ("pottery",)),
    Question("How did my father react to his celebration?", ("party",)),
)

HELD_OUT_QUESTIONS: tuple[Question, ...] = (
    Question("Are there any ingredients I should tell a restaurant to leave out of my dish?", ("peanut",)),
    Question("Did my pet need any medicine?", ("vet",)),
    Question("When is my sister leaving the country?", ("packing",)),
    Question("What kind of diet does my boyfriend follow?", ("vegetarian", "sam_birthday")),
    Question("What traditional inn did we book for the trip?", ("ryokan",)),
    Question("Did I lose anything while travelling abroad?", ("phone",)),
    Question("Why am I so tired lately?", ("sleep",)),
    Question("What did my doctor recommend about caffeine?", ("gp",)),
    Question("What project did my boss give me?", ("dashboard",)),
    Question("How did my first talk to senior leadership go?", ("presentation",)),
    Question("Which neighbourhood are we moving to?", ("clifton", "lease")),
    Question("What did we call our rescue animal?", ("adoption",)),
    Question("How is my mother coping with my sister going abroad?", ("mum",)),
)


def conversation() -> list[dict[str, Any]]:
    """The exchanges as `add_memories` items, oldest first, the everyday requests last."""
    pages: list[dict[str, Any]] = []
    for start, exchanges in SESSIONS:
        moment = datetime.strptime(start, "%Y-%m-%d %H:%M")
        for n, (user, assistant, key) in enumerate(exchanges):
            pages.append({"user_input": user, "agent_response": assistant,
                          "timestamp": (moment + timedelta(minutes=4 * n)).strftime("%Y-%m-%d %H:%M:%S"),
                          "meta_data": {"key": key} if key else {}})
    last = datetime(2025, 6, 28, 9, 0)
    for n, (user, assistant) in enumerate(RECENT):
        pages.append({"user_input": user, "agent_response": assistant,
                      "timestamp": (last + timedelta(hours=7 * n)).strftime("%Y-%m-%d %H:%M:%S"),
                      "meta_data": {}})
    return pages
