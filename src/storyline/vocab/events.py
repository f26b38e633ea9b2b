"""Words that make and qualify events: which verbs and nouns report a happening, which cues
make one possible, planned, negated or reported, and which words carry a time from one clause
or sentence to the next. Lemmas are spaCy's (lower case). Plain constants only; the `events`
and `modality` stages read them.
"""

# Verbs that report states, attitudes or relations rather than happenings: never a trigger
# on their own (a verb in a chain such as "want to sell" is judged by the chain).
STATE_VERBS = frozenset("""
be have seem appear remain know think believe want need like love hate consider own contain
include mean matter feel hope wish exist belong depend deserve involve lack resemble
understand prefer cost weigh look sound suppose doubt recognize recognise regard imagine
expect intend plan aim seek try remember realize realise see hear guess reckon assume
fear worry care mind enjoy tend face continue keep stay let get do owe
""".split())
# Verbs that report speech: a frame around the event it reports, an event itself only when
# its own clause is dated ("Baldwin told CNN in an interview in August").
REPORTING_VERBS = frozenset("""
say tell add note report claim state announce explain insist argue assert contend
acknowledge admit confirm write testify warn suggest indicate declare reply respond comment
recall stress emphasize emphasise observe remark predict allege maintain reiterate repeat
disclose reveal speak talk accord quote tweet post
""".split())
# Heads whose infinitive or gerund complement is the event: the head lends its modality
# ("plans to sell": planned; "refused to testify": negated; "began to crumble": asserted).
ASPECTUAL_HEADS = frozenset("""
begin start continue resume keep stop finish cease manage go come
""".split())
PLANNING_HEADS = frozenset("""
plan intend aim expect schedule set slate seek want hope prepare propose promise pledge vow
threaten agree decide try attempt look mean wish plot
""".split())
NEGATING_HEADS = frozenset("fail refuse decline neglect".split())
# Nouns that name a happening. A noun is a trigger when a time expression attaches to it
# ("the hearing on Friday", "Tuesday's vote") or it is what a scheduling verb sets.
EVENT_NOUNS = frozenset("""
hearing trial election vote attack explosion shooting bombing crash nomination interview
dismissal arrest meeting summit conference visit talks war strike protest rally ceremony
wedding funeral death birth launch release premiere debut merger acquisition deal sale
agreement announcement resignation appointment inauguration indictment conviction verdict
sentencing ruling decision appeal raid invasion battle earthquake storm hurricane flood fire
accident collapse outbreak campaign tour concert match game race referendum poll debate speech
address trip negotiation negotiations ceasefire truce crackdown investigation inquiry probe
audit lawsuit suit settlement bankruptcy takeover offering auction shutdown closure opening
reopening walkout lockout killing murder assassination coup uprising revolt riot demonstration
march parade festival award awards nod win victory defeat loss upgrade downgrade cut hike
increase rise fall drop
""".split())
# Verbs that put an event on the calendar: with an event noun as subject the noun is the
# trigger ("A status hearing is set for Friday") and the event is planned.
SCHEDULING_VERBS = frozenset("set schedule slate plan expect due hold".split())

# Modality cues. Auxiliaries and adverbs of possibility, of the future, and of negation.
POSSIBLE_MODALS = frozenset("may might could can would should must".split())
PLANNED_MODALS = frozenset("will ’ll 'll shall wo".split())
POSSIBLE_ADVERBS = frozenset("""
perhaps maybe possibly probably likely potentially conceivably reportedly allegedly
""".split())
# Adverbs that make a "reported" event out of an asserted one.
HEARSAY_ADVERBS = frozenset("reportedly allegedly purportedly".split())
# Adverbs that negate the verb (spaCy labels "not" and "n't" `neg`), and the determiner
# that negates an argument: "no charges were filed".
NEGATING_ADVERBS = frozenset("not n't n’t never".split())
NEGATING_DETERMINERS = frozenset("no neither".split())
# Nouns whose clause is only a possibility: "held out the possibility that he could be charged".
POSSIBILITY_NOUNS = frozenset("""
possibility chance prospect risk likelihood threat danger option idea proposal plan
""".split())
# Adjectives of likelihood over an infinitive: "is likely to resign".
POSSIBILITY_ADJECTIVES = frozenset("likely unlikely able possible expected poised due".split())
# Subordinators that make a clause hypothetical.
CONDITIONAL_MARKERS = frozenset("if unless whether".split())

# How a time moves between clauses. An adverbial clause with one of these markers shares the
# time of the clause it modifies ("when he resigned in May, he said ..."); with the others
# it does not ("after the pilot was completed").
SIMULTANEOUS_MARKERS = frozenset("when as while once".split())
# Prepositions that put a clause inside a dated event: "injured in the 1998 bombing".
DURING_PREPOSITIONS = frozenset("in at during amid".split())
# Sentence openers that continue the previous sentence's time: only these, and only when the
# sentence has no time of its own.
DISCOURSE_SAME_TIME = (
    "then", "at the time", "at that time", "at that point", "that day", "the same day",
    "on the same day", "at the same time", "that night", "that morning", "that afternoon",
    "later that day", "earlier that day", "hours later", "minutes later", "moments later",
    "shortly after", "shortly afterward", "shortly afterwards", "soon after", "soon afterward",
    "within hours",
)
# Words that move a sentence off the time of the one before it: no narrative continuation
# through them ("Earlier, ...", "He has since ...", "now", "two years ago").
TIME_SHIFT_WORDS = frozenset("""
earlier later before after afterward afterwards since ago previously formerly once now
recently meanwhile until ever already first originally subsequently eventually then
yesterday today tomorrow tonight soon
""".split())
# Subordinators of a time clause ("As his troubles mounted, ..."): a time frame of its own.
TIME_CLAUSE_MARKERS = frozenset("when as while once after before since until till".split())
# Prepositions of the figure an amount is compared with: a time inside dates that figure, not
# the change ("rose to $5 million from $4 million a year earlier").
BASELINE_PREPOSITIONS = frozenset("from than".split())
# The clauses of a lede that tell the news of the day: the main clause, what is reported, and
# "the news that ...". Not a conjoined or relative clause ("and has won three Emmys").
NEWS_DEPS = frozenset("ROOT ccomp acl parataxis".split())
# Conjunctions and openers skipped before a discourse cue: "But then ...", "And at the time".
SENTENCE_OPENERS = frozenset("and but so yet or".split())
# Clause relations that make a verb a clause of its own (an event candidate).
CLAUSE_DEPS = frozenset("""
ROOT conj ccomp advcl relcl acl pcomp csubj csubjpass parataxis dep xcomp
""".split())
# Prepositions that introduce a place: "in Montana", "at the courthouse".
PLACE_PREPOSITIONS = frozenset("in at near outside inside across on from to into".split())
# Subject and object relations for summaries and participant roles.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr", "oprd", "acomp"})
VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
# Branches a summary leaves out: other clauses, asides and punctuation around them.
SUMMARY_SKIP_DEPS = frozenset("""
relcl acl appos advcl parataxis ccomp conj cc punct mark intj discourse meta dep npadvmod
""".split())
# Longest summary, in words, before prepositional phrases are dropped.
SUMMARY_MAX_WORDS = 16
