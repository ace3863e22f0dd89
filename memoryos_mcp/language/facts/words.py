"""The words the offline fact rules read: verbs, fillers, and what opens no fact.

Kept apart from the rules (rules.py) because it is a lexicon, tuned on chat: a word moves
between these sets when a clause is misread, the grammar stays the same.
"""

from __future__ import annotations

ADVERBS = frozenset(
    "really also just actually still usually always never often sometimes recently finally already "
    "currently mostly absolutely totally even only definitely both once first now lately truly "
    "honestly seriously certainly probably literally kind sort somehow".split()
)
INTENSIFIERS = frozenset("so really very super quite pretty totally just also still such".split())
PRESENT = frozenset(
    "like love enjoy hate prefer adore dislike work live study play own want plan teach cook paint write "
    "collect volunteer practice practise go visit use speak drive watch run swim bake travel read sing "
    "dance draw attend belong ride train eat drink keep grow make care take need miss believe feel think "
    "value appreciate cherish find spend try hope wish mentor coach lead run host organize organise "
    "help support know remember".split()
)
IRREGULAR_PAST = frozenset(
    "went got bought made met took saw ran began became found left lost won wrote gave sold built drove "
    "flew spent taught came grew brought caught chose drew fell fought held kept led quit rode sang sat "
    "swam threw wore ate drank broke did felt heard read thought told sent put let hit cut understood "
    "forgot began dug fed hung knew lent paid said shot slept stood stuck struck swung woke rang".split()
)
NOT_EVENTS = frozenset(
    "wondered guessed figured hoped wished supposed imagined assumed agreed believed expected mentioned "
    "answered replied meant loved liked enjoyed appreciated adored wanted".split()
)
#: Past opinions: restated as they are ("User loved 'Becoming Nicole'"), but no dropped "I" before them.
LIKED = frozenset("loved liked enjoyed adored hated wanted".split()
)
#: Words that open no fact when they follow the verb ("I'm sorry", "I'm sure", "I can't wait").
REJECT_FIRST = frozenset(
    "sorry sure afraid wondering curious fine good ok okay well great here you your how what when why "
    "whatever so same there totally".split()
)
#: A pronoun object is a reaction ("I love that") unless a noun follows ("I made this pie").
PRONOUN_OBJECTS = frozenset("it that this these those them".split())
#: Feelings: a fact only with something to feel about that is not the listener ("excited to start college").
FEELINGS = frozenset(
    "glad happy proud thrilled excited delighted stoked pumped grateful thankful impressed amazed touched "
    "honored honoured jealous lucky blessed inspired moved relieved glad sad bummed".split()
)
FEELING_LINKS = frozenset("to about of for that with by".split())
REJECT_PHRASES = ("a question", "no idea", "to say", "to admit", "to ask", "been thinking", "wondering",
                   "to hear", "to see that", "to know that", "to tell", "for the", "for your", "for sharing")
#: Content words that carry no fact on their own ("I'll check it out sometime", "I'd love to try").
LIGHT = frozenset(
    "check try sometime soon later posted tuning tune add list love like share tell hear talk chat catch "
    "best fun stuff feel feeling felt happy excited glad keep look looking forward wait chance time "
    "sounds sound idea ideas cool awesome amazing glad sure hope hoping moment moments tho though "
    "appreciate appreciated thanks thank help helps helped means meant mean bit lots lot much today "
    "tonight yesterday tomorrow week weekend day days next last sometimes ever forever remember forget "
    "wild crazy rough tough busy hectic blast ride journey stressful fantastic wonderful chatted talked spoke "
    "caught".split()
)
#: "I <verb>" -> (restated verb, is a past event).
SIMPLE_VERBS = {
    "am": ("is", False), "was": ("was", True), "have": ("has", False), "had": ("had", True), "will": ("will", False),
    "would": ("would", False), "could": ("could", False), "might": ("might", False), "may": ("may", False),
    "must": ("must", False), "should": ("should", False), "got": ("got", True), "can": ("can", False),
    "can't": ("can't", False), "cannot": ("can't", False), "are": ("is", False), "were": ("was", True),
    "won't": ("won't", False),
    "haven't": ("hasn't", False), "wasn't": ("wasn't", True), "used": ("used", True),
}
NEGATIONS = {"don't": "doesn't", "didn't": "didn't", "never": "never"}
CAN_REJECT = frozenset("imagine believe wait see tell relate understand help say only totally".split())
MY_REJECT = frozenset("heart pleasure goodness god gosh bad mind thoughts point guess question advice day "
                       "bad apologies condolences".split())
#: Subjects that are never the speaker's business or need an antecedent we do not have.
OBJECT_REJECT_FIRST = frozenset(
    "it it's its that that's this these those there there's they they're their them he she his her you "
    "your you're what which who how why when where thanks thank glad sorry hope let let's please i'm i here "
    "here's there've my our we we're we've makes made helps helped gives keeps reminds brings means don't "
    "doesn't didn't he's she's they've they'll he'll she'll as count me".split()
)
#: A dropped subject: the clause starts with one of these ("Just got back from Rome", "Gonna keep going").
DROPPED = {"just": "I ", "been": "I've ", "gonna": "I'm ", "planning": "I'm ", "hoping": "I'm ",
            "heading": "I'm ", "still": "I'm ", "need": "I ", "won't": "I ", "can't": "I ", "had": "I "}
#: Past forms that are also imperatives or nouns: no dropped "I" before them ("Let me know", "Read it").
PRESENT_TOO = frozenset("let put cut hit read quit set mixed".split())
#: -ing words that are nouns, not a dropped "I'm" ("Morning!", "Nothing new").
ING_NOUNS = frozenset("morning evening nothing something anything everything thing wedding building "
                       "feeling ring spring king sibling darling evening painting exciting amazing interesting "
                       "relaxing inspiring touching frustrating thrilling annoying surprising disappointing "
                       "refreshing rewarding challenging boring calming fascinating encouraging overwhelming "
                       "satisfying heartwarming interesting charming stunning".split())
