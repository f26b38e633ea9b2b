"""Words of reported speech: quote marks, reporting verbs, cue phrases, pronouns, group nouns.

Lemmas are spaCy's (lower case; it lemmatises "hoping" as "hop"). `SPEECH_VERBS` is how news
reports speech. The other verb lists follow what PolNeAR counts as an attribution (stances and
thoughts too: "criticized the plan", "hopes that …"): each verb and construction was kept when
its annotators marked it in at least about two cases in five on the training split (450
articles, third-person subjects); the dev split only measured the result.
"""

# Quote marks. Straight marks (" ') are both opening and closing; the others have a direction.
DOUBLE_OPENING = frozenset("“„‟«")
DOUBLE_CLOSING = frozenset("”»")
DOUBLE_STRAIGHT = frozenset('"＂')
SINGLE_OPENING = frozenset("‘‚‛‹")
SINGLE_CLOSING = frozenset("’›")
SINGLE_STRAIGHT = frozenset("'")
DOUBLE_MARKS = DOUBLE_OPENING | DOUBLE_CLOSING | DOUBLE_STRAIGHT
SINGLE_MARKS = SINGLE_OPENING | SINGLE_CLOSING | SINGLE_STRAIGHT
QUOTE_MARKS = DOUBLE_MARKS | SINGLE_MARKS
# Characters before an opening mark (besides the start of a paragraph and white space).
BEFORE_OPENING = frozenset("([{—–-/:;…") | DOUBLE_MARKS | SINGLE_OPENING
# Elisions written with a leading apostrophe: ’90s, ’em, rock ’n’ roll, ’til.
LEADING_ELISIONS = frozenset({"em", "n", "til", "tis", "twas", "cause", "bout", "round"})

# Verbs that report what someone said (or wrote) and introduce a quote or a clause.
SPEECH_VERBS = frozenset("""
say tell add note ask write report argue claim state declare announce conclude explain reply
warn insist reveal predict joke acknowledge admit tweet assert concede assure shout vow charge
respond confirm recall confess allege contend maintain stress emphasize emphasise observe
remark comment complain counter retort quip testify estimate caution boast brag lament mention
deny hint signal indicate speculate post proclaim promise pledge urge recommend propose agree
disagree affirm reiterate repeat concur demand inform remind advise whisper yell scream cry
sigh muse interject continue suggest point rule find show blog text email tout describe
stipulate specify disclose divulge vouch guarantee sing chant echo exclaim interrupt plead beg
scoff snap gush thunder chime volunteer read wonder threaten theorize imply question
""".split())
# Verbs of thought that PolNeAR counts as attributions with a clause ("Clinton hopes that …",
# "voters fear that …"); only with a third-person subject. ("know" is rarely marked: left out.)
THOUGHT_VERBS = frozenset("""
agree believe consider doubt expect fear feel hope hop learn recognize see think want worry
""".split())
# Verbs that take the hearer as object: "told CNN", "assured reporters".
ADDRESS_VERBS = frozenset("tell inform assure remind advise warn ask email text".split())
# Verbs whose plain object (with what completes it) is what was said or stood for: "announced
# a run", "criticized Clinton for her vote", "called climate change a hoax".
OBJECT_CUES = frozenset("""
accuse acknowledge announce applaud argue articulate attack back blame blast call cite compare
condemn confirm congratulate criticize declare decry deem defend denounce deny describe discuss
dismiss echo emphasize endorse express hail highlight identify lament list mention mock note
offer oppose outline portray praise prefer propose question reiterate reject remind report
reveal share slam suggest thank tout tweet unveil urge view support see release want
""".split())
# Verbs whose to-infinitive is what was said or meant: "vowed to appeal", "urged voters to".
# (PolNeAR also counts "seemed to", "looked to", "decided to": intentions and appearances,
# not speech; they are left out, at a small cost in recall there.)
XCOMP_CUES = frozenset("""
agree ask call decline hop hope pledge promise propose refuse tell threaten urge vote vow want
""".split())
# Verbs with a preposition that introduces what was said: "called for a ban".
PREPOSITION_CUES = {
    "call": ("for", "on"), "refer": ("to", "as"), "point": ("to",), "respond": ("to", "with"),
    "comment": ("on",), "focus": ("on",), "apologize": ("for",), "talk": ("about",),
    "speak": ("about", "of"), "ask": ("about",), "say": ("about", "of"), "describe": ("as",),
    "cast": ("as",), "cite": ("as",), "view": ("as",), "see": ("as",), "list": ("as",),
    "blame": ("for",), "criticize": ("for",), "endorse": ("for",), "thank": ("for",),
    "accuse": ("of",), "rail": ("against",), "vote": ("for", "against"),
    "complain": ("about", "of"), "warn": ("about", "of", "against"),
    "argue": ("for", "against"), "joke": ("about",), "boast": ("about", "of"),
    "brag": ("about",), "testify": ("about", "on"),
}
# Subjects that cannot hold a thought or stance attribution.
IMPERSONAL_SUBJECTS = frozenset("i we you it this that there what which".split())
# Particles that belong to the cue: "pointed out", "went on".
CUE_PARTICLES = frozenset("out on".split())
# "according to X": a preposition-like cue with the source as its object.
ACCORDING = "accord"
# Speaking events that name the setting, never the speaker: "in a statement", "in an interview".
SETTING_NOUNS = frozenset("""
statement interview release post tweet email letter message briefing conference call remarks
speech appearance podcast hearing testimony filing video op-ed column essay
""".split())
# Verbs of speaking to someone, for the hearer: "speaking to CNN", "in an interview with NPR".
SPEAKING_VERBS = frozenset("speak talk say explain write".split())

# Pronouns that may stand for a speaker, with number and gender.
PERSONAL_PRONOUNS = {
    "he": ("singular", "male"), "him": ("singular", "male"), "his": ("singular", "male"),
    "she": ("singular", "female"), "her": ("singular", "female"),
    "they": ("plural", None), "them": ("plural", None), "their": ("plural", None),
    "it": ("singular", "neuter"), "its": ("singular", "neuter"),
}
RELATIVE_PRONOUNS = frozenset("who which that whom".split())
FIRST_PERSON = frozenset("i we me us".split())

# Honorifics and family or role nouns that tell a person's gender.
MALE_WORDS = frozenset("""
mr mr. sir lord king prince father dad son brother husband boyfriend uncle nephew grandfather
man boy gentleman congressman spokesman chairman businessman
""".split())
FEMALE_WORDS = frozenset("""
mrs mrs. ms ms. miss lady dame queen princess mother mom daughter sister wife girlfriend aunt
niece grandmother woman girl congresswoman spokeswoman chairwoman businesswoman actress
""".split())

# Role nouns that stand for one person ("the actor", "the senator"): resolved to a person.
PERSON_NOUNS = frozenset("""
actor actress senator congressman congresswoman representative lawmaker legislator governor
mayor president candidate nominee spokesman spokeswoman spokesperson lawyer attorney
prosecutor judge official director chairman chairwoman chair executive ceo author singer star
player coach minister secretary leader founder economist analyst professor researcher scientist
doctor businessman businesswoman billionaire rapper comedian host anchor reporter journalist
writer filmmaker producer manager owner officer sheriff chief commissioner ambassador general
adviser advisor aide strategist pollster veteran woman man father mother wife husband son
daughter victim suspect witness defendant plaintiff armorer cinematographer musician artist
speaker chancellor premier democrat republican activist
""".split())
# Nouns for a body of people or an office: a group speaker that is no one person.
GROUP_NOUNS = frozenset("""
office department agency ministry campaign committee team police prosecutors officials
authorities investigators sources lawyers attorneys spokespeople administration government
company firm board court council commission family organizers organisers group union party
""".split())
