"""The change statements of `benchmarks.changes`: an older statement, a later change, what is current and what closed.

Written fresh for session 9, before the extraction code was read closely, in no case's wording. Classes: partner
(break-up, new partner, engagement, marriage), exercise and hobby (took up, gave up, switched, "these days I"),
job and employer (promotion, new role, quit, laid off, retired), home (moved, "we're in X now"), a relative's home
or job, a plan cancelled, moved or done. Voices: terse lower-case, long polite British, voice-to-text, non-native
English, implied in a request, an answer to the assistant's question, confirmed only by the assistant's reply.

Each item's `half` is "tune" or "report"; the report half is never looked at while changing the code.
"""

from __future__ import annotations

from dataclasses import dataclass

Exchange = tuple[str, str]


@dataclass(frozen=True)
class Change:
    """One older statement and its later change, with the values the card should and should not show as current."""

    key: str
    kind: str
    voice: str
    older: tuple[Exchange, ...]
    change: tuple[Exchange, ...]
    current: tuple[str, ...]
    stale: tuple[str, ...]
    half: str


def _c(key: str, kind: str, voice: str, older: list[Exchange], change: list[Exchange], current: list[str],
       stale: list[str], half: str) -> Change:
    return Change(key, kind, voice, tuple(older), tuple(change), tuple(current), tuple(stale), half)


T, R = "tune", "report"

SWEEP: tuple[Change, ...] = (
    # -- partner ----------------------------------------------------------------------------------------------
    _c("partner-breakup-terse", "partner", "terse",
       [("hi, i'm dana. my boyfriend kieran and i live in bristol", "Hi Dana! Bristol is a lovely city.")],
       [("kieran and i broke up. still gutted tbh", "I'm so sorry, Dana. That's a lot to carry.")],
       [], ["Kieran"], T),
    _c("partner-breakup-british", "partner", "british",
       [("Hello, I'm Philippa. My husband Rupert and I have a cottage near Hexham.", "Lovely to meet you.")],
       [("I ought to tell you, as it may come up: Rupert and I separated in the spring and the divorce was "
         "finalised last month. It has been a difficult year, but I am getting there.",
         "Thank you for telling me, Philippa. I'm sorry it has been such a hard year.")],
       [], ["Rupert"], R),
    _c("partner-new-voice", "partner", "voice-to-text",
       [("hi im marco my girlfriend is called sofia she works in a bakery", "Nice to meet you Marco!")],
       [("so sofia and me we split up in the summer and um now im seeing someone new her name is "
         "lena she is a nurse", "That's a big change, Marco. Lena sounds lovely.")],
       ["Lena"], ["Sofia"], T),
    _c("partner-new-nonnative", "partner", "non-native",
       [("Hello, I am Tomasz. My girlfriend Agnieszka is studying medicine.", "Hello Tomasz!")],
       [("Me and Agnieszka are not together anymore since two months. Now I have new girlfriend, her name "
         "is Julia.", "I see, thank you for telling me. I hope things are going well with Julia.")],
       ["Julia"], ["Agnieszka"], R),
    _c("partner-engaged-confirmed", "partner", "assistant-confirms",
       [("I'm Hannah, my boyfriend Idris is a chef", "Hi Hannah! A chef in the family, lucky you.")],
       [("SHE SAID YES. well, I did. he asked last night on the beach!!",
         "Congratulations on your engagement to Idris, Hannah! What a moment.")],
       ["engaged"], ["boyfriend"], T),
    _c("partner-married-british", "partner", "british",
       [("Good morning. I'm Gwen; my partner Alun and I have been together for nine years.", "Good morning!")],
       [("We finally did it: Alun and I were married at the registry office in Cardiff on Saturday, with "
         "just a few friends. Quite the most wonderful day.", "Congratulations to you both, Gwen!")],
       ["married"], ["partner Alun"], R),
    _c("partner-engaged-terse", "partner", "terse",
       [("i'm rhys. girlfriend is mei, she's a vet", "Hi Rhys!")],
       [("got engaged to mei last weekend", "Congratulations, Rhys! That's wonderful news.")],
       ["engaged"], ["girlfriend"], T),
    _c("partner-breakup-answer", "partner", "answer",
       [("hey, I'm Noor. my boyfriend Sami is visiting his parents this week", "Hi Noor!")],
       [("long week", "Sorry to hear it. Are you and Sami doing anything nice this weekend?"),
        ("no, we ended things on tuesday. it was mutual", "I'm sorry, Noor. Mutual or not, that's hard.")],
       [], ["Sami"], R),
    # -- exercise ---------------------------------------------------------------------------------------------
    _c("exercise-switch-terse", "exercise", "terse",
       [("i'm jo. i run 5k three mornings a week", "Hi Jo! Nice routine.")],
       [("knees gave up on running. swimming instead now, 3x a week", "Swimming is kind on the knees.")],
       ["swimming"], ["5k"], T),
    _c("exercise-gaveup-british", "exercise", "british",
       [("I'm Bernard. I play squash at the club every Thursday evening.", "Hello Bernard!")],
       [("I'm afraid I have had to give up squash altogether on my doctor's advice, which is a great shame. "
         "I have taken up walking with the ramblers' group on Sundays instead.",
         "That sounds a sensible change, Bernard.")],
       ["walking"], ["squash"], R),
    _c("exercise-tookup-voice", "exercise", "voice-to-text",
       [("hi im priya i go to the gym like four times a week mostly weights", "Hi Priya!")],
       [("ok so i cancelled the gym membership its too expensive and i started doing yoga at home with "
         "youtube videos every morning", "Home yoga is a great habit, Priya.")],
       ["yoga"], ["gym"], T),
    _c("exercise-nowadays-nonnative", "exercise", "non-native",
       [("Hello, my name is Kenji. I do jogging in the park every weekend.", "Hello Kenji!")],
       [("These days I am doing cycling to the office, jogging I stopped because of my back.",
         "Cycling to work is a good way to stay active.")],
       ["cycling"], ["jogging"], R),
    _c("exercise-request", "exercise", "request",
       [("I'm Aoife. I swim at the leisure centre twice a week.", "Hi Aoife!")],
       [("can you make me a 4 week plan to get better at climbing? I quit swimming and bouldering is my "
         "thing now", "Here is a four-week bouldering plan...")],
       ["bouldering"], ["swim"], T),
    _c("exercise-answer", "exercise", "answer",
       [("hey, Leo here. I do crossfit at a box near work", "Hi Leo!")],
       [("wiped out today", "Big crossfit session?"),
        ("nah, I don't do crossfit any more, I'm rowing now. club on the river, 6am starts",
         "6am on the river is dedication!")],
       ["rowing"], ["crossfit"], R),
    _c("exercise-confirmed", "exercise", "assistant-confirms",
       [("Hi, I'm Ruth. I do pilates on Mondays.", "Hi Ruth!")],
       [("first tennis lesson done, dropped pilates for it", "So tennis instead of pilates now. How was it?")],
       ["tennis"], ["pilates"], T),
    _c("exercise-tookup-british", "exercise", "british",
       [("Hello, I'm Nigel. I play golf most Saturdays.", "Hello Nigel!")],
       [("My knees have put paid to the golf, sadly. I've taken up swimming at the lido, which is much "
         "kinder on them.", "A good choice for the knees, Nigel.")],
       ["swimming"], ["golf"], R),
    # -- hobby ------------------------------------------------------------------------------------------------
    _c("hobby-switch-terse", "hobby", "terse",
       [("i'm ola. i knit in the evenings, mostly jumpers", "Hi Ola!")],
       [("not knitting anymore. pottery now, wheel class on weds", "Pottery is a lovely craft.")],
       ["pottery"], ["knit"], T),
    _c("hobby-gaveup-british", "hobby", "british",
       [("I'm Cecily. I sing in the church choir on Sundays.", "Hello Cecily!")],
       [("I've decided to leave the choir after twelve years; it no longer suits my weekends. I'm going to "
         "try my hand at watercolour painting instead.", "Watercolours are a lovely thing to try, Cecily.")],
       ["watercolour"], ["choir"], R),
    _c("hobby-tookup-voice", "hobby", "voice-to-text",
       [("hey im dev i play guitar in a covers band on fridays", "Hi Dev!")],
       [("the band broke up so no more guitar for a bit um but i got into chess i play online every night "
         "now", "Chess is a great hobby, Dev.")],
       ["chess"], ["guitar"], T),
    _c("hobby-nowadays-nonnative", "hobby", "non-native",
       [("Hi, I am Lucia. My hobby is photography, I take photos of birds.", "Hi Lucia!")],
       [("Photography I don't do so much now, nowadays my hobby is the gardening, I have vegetables on "
         "my balcony.", "A balcony vegetable garden sounds lovely.")],
       ["gardening"], ["photography"], R),
    _c("hobby-request", "hobby", "request",
       [("I'm Femi. I collect vinyl records, mostly jazz.", "Hi Femi!")],
       [("sold the whole record collection last month. any tips for a beginner woodworker? that's my new "
         "weekend thing", "Start with a few good chisels and a marking gauge...")],
       ["woodwork"], ["vinyl"], T),
    _c("hobby-answer", "hobby", "answer",
       [("Hi, I'm Greta. I play the cello in an amateur orchestra.", "Hi Greta!")],
       [("free evening finally", "Lovely! Will you practise the cello?"),
        ("I stopped playing last year actually. I've been doing a lot of baking instead",
         "Baking is a great way to spend an evening.")],
       ["baking"], ["cello"], R),
    _c("hobby-confirmed", "hobby", "assistant-confirms",
       [("I'm Wes, I paint miniatures for tabletop games", "Hi Wes!")],
       [("packed all the paints away for good, it's all about the 3d printer now",
         "So 3D printing has replaced miniature painting for you. What are you printing first?")],
       ["3D print"], ["miniature"], T),
    _c("hobby-tookup-terse", "hobby", "terse",
       [("i'm bea. i do crosswords every morning", "Hi Bea!")],
       [("gave up crosswords, sudoku these days", "Sudoku is a good morning puzzle.")],
       ["sudoku"], ["crossword"], R),
    # -- job and employer -------------------------------------------------------------------------------------
    _c("job-promotion-terse", "job", "terse",
       [("i'm arjun, junior analyst at barclays", "Hi Arjun!")],
       [("promoted to senior analyst today!!", "Congratulations, Arjun! Senior analyst is a big step.")],
       ["senior analyst"], ["junior analyst"], T),
    _c("job-newrole-british", "job", "british",
       [("Hello, I'm Imogen and I work as a librarian at the county library in Taunton.", "Hello Imogen!")],
       [("A bit of news: I've accepted a post as archivist at the Somerset Heritage Centre and I started "
         "there on Monday. I shall miss the library terribly.", "Congratulations on the new post, Imogen!")],
       ["archivist", "Somerset Heritage Centre"], ["librarian"], R),
    _c("job-quit-voice", "job", "voice-to-text",
       [("hi im callum i work at tesco as a shift manager", "Hi Callum!")],
       [("so i handed in my notice at tesco and my last day was friday i start at lidl on monday as an "
         "area manager", "Good luck at Lidl, Callum!")],
       ["Lidl"], ["Tesco"], T),
    _c("job-laidoff-nonnative", "job", "non-native",
       [("Hello, I am Dmitri, I am working as a software tester at Nokia.", "Hello Dmitri!")],
       [("Bad news, the company made me redundant last week, so now I am without job and I search new one.",
         "I'm sorry, Dmitri. Let's work on the job search together.")],
       [], ["Nokia"], R),
    _c("job-retired-british", "job", "british",
       [("I'm Malcolm. I teach geography at a secondary school in Dundee.", "Hello Malcolm!")],
       [("Well, that is that: after thirty-four years I retired from teaching at the end of term. The "
         "staff gave me a splendid send-off.", "Congratulations on your retirement, Malcolm!")],
       ["retired"], ["teach geography"], T),
    _c("job-request", "job", "request",
       [("I'm Zara, I'm a nurse at St Thomas'", "Hi Zara!")],
       [("can you help me write a LinkedIn summary? I'm a health visitor with the council now, left the "
         "hospital in June", "Of course! Here is a draft...")],
       ["health visitor"], ["nurse at St Thomas"], R),
    _c("job-answer", "job", "answer",
       [("hey, I'm Oscar, I'm a barista at Monmouth Coffee", "Hi Oscar!")],
       [("so tired", "Long shift at Monmouth?"),
        ("I don't work there anymore, I'm a delivery driver for Ocado now", "That's a change! How is it?")],
       ["Ocado"], ["Monmouth"], T),
    _c("job-confirmed", "job", "assistant-confirms",
       [("I'm Paula, I work at Aviva in claims", "Hi Paula!")],
       [("first day at the new place went ok!", "Glad your first day at Direct Line went well, Paula!")],
       ["Direct Line"], ["Aviva"], R),
    _c("job-laidoff-terse", "job", "terse",
       [("i'm sean, electrician at a firm in cork", "Hi Sean!")],
       [("got laid off today. self-employed electrician from monday i guess", "Sorry, Sean. Good luck!")],
       ["self-employed"], ["firm in cork"], T),
    _c("job-retired-answer", "job", "answer",
       [("Hello, I'm Doreen, I'm a school secretary", "Hello Doreen!")],
       [("lovely quiet morning", "Lovely! Not at school today?"),
        ("Oh I retired in July, dear. No more school runs for me!", "Congratulations on retiring, Doreen!")],
       ["retired"], ["school secretary"], R),
    # -- home -------------------------------------------------------------------------------------------------
    _c("home-moved-terse", "home", "terse",
       [("i'm finn, live in leith", "Hi Finn!")],
       [("moved to portobello last week. boxes everywhere", "Welcome to Portobello, Finn!")],
       ["Portobello"], ["Leith"], T),
    _c("home-inx-british", "home", "british",
       [("Hello, I'm Harriet. We live in Clapham, in a terraced house.", "Hello Harriet!")],
       [("Sorry to have been quiet; we've been in the thick of the move. We're in Lewes now, and the "
         "children are already much happier with a garden.", "How lovely, Harriet. Lewes is charming.")],
       ["Lewes"], ["Clapham"], R),
    _c("home-moved-voice", "home", "voice-to-text",
       [("hi im tariq i live in sparkhill in birmingham", "Hi Tariq!")],
       [("we finally moved house were in solihull now nearer my wifes family", "Lovely, Solihull it is!")],
       ["Solihull"], ["Sparkhill"], T),
    _c("home-moved-nonnative", "home", "non-native",
       [("Hi, I am Ana, I live in Porto with my cat.", "Hi Ana!")],
       [("Since one month I am living in Berlin, I find a flat in Neukölln. Very different from Porto!",
         "Welcome to Berlin, Ana!")],
       ["Neukölln"], ["Porto"], R),
    _c("home-request", "home", "request",
       [("I'm Jack, I live in Headingley", "Hi Jack!")],
       [("any good running routes near my new flat in Chapel Allerton?", "Try the Meanwood Valley Trail...")],
       ["Chapel Allerton"], ["Headingley"], T),
    _c("home-answer", "home", "answer",
       [("hey, I'm Molly. I live in Galway", "Hi Molly!")],
       [("the commute is killing me", "Is that the commute in Galway?"),
        ("no I'm in Limerick now, moved for the job", "Ah, Limerick! A new city.")],
       ["Limerick"], ["Galway"], R),
    _c("home-confirmed", "home", "assistant-confirms",
       [("I'm Ivo, I live in Rotterdam", "Hi Ivo!")],
       [("keys handed over, we're done with the old place!!", "Congratulations on the move to Utrecht, Ivo!")],
       ["Utrecht"], ["Rotterdam"], T),
    _c("home-moved-british", "home", "british",
       [("Hello, I'm Edmund; I live in Harrogate.", "Hello Edmund!")],
       [("We have sold up in Harrogate and bought a little place in Whitby, by the harbour. We moved in "
         "on Friday.", "Whitby by the harbour sounds idyllic, Edmund.")],
       ["Whitby"], ["Harrogate"], R),
    # -- a relative's home or job -----------------------------------------------------------------------------
    _c("relative-carehome-british", "relative", "british",
       [("I'm Rosalind. My mother lives on her own in Ilkley.", "Hello Rosalind!")],
       [("It has been a hard week: Mum moved into a care home in Otley on Tuesday. It was the right "
         "decision, but it is not an easy one.", "That's a big step, Rosalind. Take care of yourself.")],
       ["Otley"], ["Ilkley"], T),
    _c("relative-uni-terse", "relative", "terse",
       [("i'm kath. my son ethan lives at home with us in hull", "Hi Kath!")],
       [("dropped ethan at uni in york today. house is so quiet", "Big day! Ethan is at York now.")],
       ["York"], ["Hull"], R),
    _c("relative-dadjob-voice", "relative", "voice-to-text",
       [("hi im gabi my dad is a bus driver in lisbon", "Hi Gabi!")],
       [("my dad finally retired last week after thirty years driving buses we had a big party",
         "Congratulations to your dad, Gabi!")],
       ["retired"], ["bus driver"], T),
    _c("relative-sisterjob-nonnative", "relative", "non-native",
       [("Hello, I am Yusuf. My sister Elif is a teacher in Izmir.", "Hello Yusuf!")],
       [("My sister Elif is not teacher anymore, she is now working as a lawyer in Istanbul.",
         "That's quite a change for Elif!")],
       ["lawyer"], ["teacher"], R),
    _c("relative-sonjob-answer", "relative", "answer",
       [("I'm Liz. My son Owen works at a garage in Swansea", "Hi Liz!")],
       [("Owen came round for tea", "Lovely! Is he still at the garage?"),
        ("no he's an apprentice plumber now, loves it", "Good for Owen!")],
       ["plumber"], ["garage"], T),
    _c("relative-daughter-moved-request", "relative", "request",
       [("I'm Paddy. My daughter Niamh lives in Dublin", "Hi Paddy!")],
       [("what's the cheapest way to get to Toronto? Niamh moved there in March and I want to visit",
         "Direct flights from Dublin to Toronto are often cheapest...")],
       ["Toronto"], ["Dublin"], R),
    _c("relative-mum-moved-confirmed", "relative", "assistant-confirms",
       [("I'm Sunil. My mum lives in Leicester", "Hi Sunil!")],
       [("mum's all settled in with us now", "So glad your mum has moved in with you, Sunil!")],
       ["moved in with"], ["Leicester"], T),
    _c("relative-brother-job-british", "relative", "british",
       [("I'm Verity. My brother Hugo works as an accountant at PwC.", "Hello Verity!")],
       [("My brother Hugo has left PwC to set up his own bakery in Frome, of all things. We are all "
         "rather astonished.", "What a leap for Hugo!")],
       ["bakery"], ["PwC"], R),
    # -- plans ------------------------------------------------------------------------------------------------
    _c("plan-cancelled-terse", "plan", "terse",
       [("i'm ash. going to lisbon 12 may for a week", "Hi Ash! Lisbon in May is lovely.")],
       [("lisbon trip's off, work won't let me go", "Sorry, Ash. Maybe later in the year.")],
       [], ["Lisbon"], T),
    _c("plan-moved-british", "plan", "british",
       [("I'm Olivia. I have a hip operation booked for 20 May at the Nuffield.", "Hello Olivia!")],
       [("The hospital rang: my operation has been postponed to 17 June, which is a nuisance but there "
         "we are.", "That's frustrating, Olivia. 17 June, then.")],
       ["17 June"], ["20 May"], R),
    _c("plan-done-voice", "plan", "voice-to-text",
       [("hey im kofi im running the manchester half marathon this spring", "Hi Kofi! Good luck!")],
       [("did the half marathon yesterday finished in one fifty two so happy",
         "Well done on the half marathon, Kofi!")],
       [], ["half marathon"], T),
    _c("plan-cancelled-nonnative", "plan", "non-native",
       [("Hi, I am Mariana, we plan a trip to Japan on 3 June for two weeks.", "Hi Mariana!")],
       [("We had to cancel the Japan trip, my husband has problem with his visa.",
         "I'm sorry to hear that, Mariana.")],
       [], ["Japan"], R),
    _c("plan-moved-request", "plan", "request",
       [("I'm Beth. dentist appointment on 4 May at 10am", "Noted, Beth!")],
       [("can you remind me the dentist is now 11 May, they moved it", "Of course: dentist on 11 May.")],
       ["11 May"], ["4 May"], T),
    _c("plan-done-answer", "plan", "answer",
       [("I'm Gus. Flying to Reykjavik next month for my brother's wedding", "Hi Gus! How exciting.")],
       [("back home", "Welcome back! How was the wedding in Reykjavik?"),
        ("amazing, best weekend ever", "So glad the Reykjavik wedding went well!")],
       [], ["Reykjavik"], R),
    _c("plan-cancelled-confirmed", "plan", "assistant-confirms",
       [("I'm Lotte, concert in Amsterdam on 22 May", "Enjoy it, Lotte!")],
       [("well that's annoying, the whole tour got scrapped", "Sorry the Amsterdam concert was cancelled!")],
       [], ["Amsterdam"], T),
    _c("plan-moved-terse", "plan", "terse",
       [("i'm raf. job interview at ocado 6 may", "Good luck, Raf!")],
       [("ocado interview pushed to 13 may", "OK, 13 May then.")],
       ["13 May"], ["6 May"], R),
)
