"""Words for merging what several articles say: verb forms, trigger families, reversals.

General English only; nothing here names a person, a place or a story.
"""

# Irregular past forms to their base, for matching event triggers across articles.
IRREGULAR_VERBS = {
    "was": "be", "were": "be", "been": "be", "is": "be", "are": "be", "went": "go", "gone": "go",
    "took": "take", "taken": "take", "made": "make", "said": "say", "won": "win", "lost": "lose",
    "fell": "fall", "fallen": "fall", "began": "begin", "begun": "begin", "left": "leave",
    "held": "hold", "struck": "strike", "stricken": "strike", "shot": "shoot", "fled": "flee",
    "sent": "send", "built": "build", "paid": "pay", "sold": "sell", "bought": "buy",
    "met": "meet", "told": "tell", "found": "find", "gave": "give", "given": "give", "got": "get",
    "gotten": "get", "led": "lead", "ran": "run", "brought": "bring", "caught": "catch",
    "chose": "choose", "chosen": "choose", "rose": "rise", "risen": "rise", "spoke": "speak",
    "spoken": "speak", "stole": "steal", "stolen": "steal", "swore": "swear", "sworn": "swear",
    "withdrew": "withdraw", "withdrawn": "withdraw", "froze": "freeze", "frozen": "freeze",
    "broke": "break", "broken": "break", "drove": "drive", "driven": "drive", "wrote": "write",
    "written": "write", "came": "come", "became": "become", "kept": "keep", "felt": "feel",
    "thought": "think", "fought": "fight", "sought": "seek", "taught": "teach", "hung": "hang",
    "knew": "know", "known": "know", "saw": "see", "seen": "see", "did": "do", "done": "do",
    "had": "have", "has": "have", "flew": "fly", "flown": "fly", "grew": "grow", "grown": "grow",
    "threw": "throw", "thrown": "throw", "bore": "bear", "born": "bear", "slew": "slay",
    "slain": "slay", "overtook": "overtake", "upheld": "uphold", "overthrew": "overthrow",
    "forbade": "forbid", "undertook": "undertake", "sank": "sink", "sunk": "sink", "shut": "shut",
    "quit": "quit", "hit": "hit", "cut": "cut", "set": "set", "put": "put", "let": "let",
    "bet": "bet", "spread": "spread", "hurt": "hurt", "cost": "cost", "beat": "beat",
    "beaten": "beat", "dealt": "deal", "meant": "mean", "lent": "lend", "spent": "spend",
    "stood": "stand", "understood": "understand",
}

# Triggers that name the same kind of happening, each family under one head word (stems).
TRIGGER_FAMILIES = {
    "kill": ("kill", "slay", "murder"),
    "die": ("die", "perish"),
    "arrest": ("arrest", "detain", "apprehend"),
    "charge": ("charge", "indict"),
    "convict": ("convict",),
    "sentence": ("sentence", "jail", "imprison"),
    "resign": ("resign", "quit", "step"),
    "fire": ("fire", "sack", "dismiss", "oust"),
    "hire": ("hire", "appoint", "name"),
    "sign": ("sign",),
    "elect": ("elect", "win"),
    "launch": ("launch", "unveil", "introduce"),
    "announce": ("announce", "unveil"),
    "close": ("close", "shut"),
    "open": ("open",),
    "attack": ("attack", "strike", "bomb", "raid", "assault"),
    "hit": ("hit",),
    "injure": ("injure", "wound", "hurt"),
    "quake": ("quake", "earthquake", "tremor"),
    "confirm": ("confirm",),
    "deny": ("deny",),
}

# Pairs where the second undoes the first: both stand in the timeline, the change is flagged.
REVERSALS = (
    ("drop", "refile"), ("drop", "recharge"), ("drop", "reinstate"), ("drop", "revive"),
    ("dismiss", "refile"), ("dismiss", "reinstate"), ("dismiss", "revive"),
    ("withdraw", "refile"), ("withdraw", "reinstate"), ("suspend", "reinstate"),
    ("suspend", "resume"), ("suspend", "lift"), ("halt", "resume"), ("pause", "resume"),
    ("cancel", "reinstate"), ("cancel", "resume"), ("cancel", "reschedule"),
    ("close", "reopen"), ("shut", "reopen"), ("ban", "lift"), ("impose", "lift"),
    ("convict", "overturn"), ("ban", "overturn"), ("approve", "revoke"), ("grant", "revoke"),
    ("sign", "revoke"), ("fire", "rehire"), ("fire", "reinstate"), ("arrest", "release"),
    # A body's decision, later undone by the same body.
    ("vote", "reverse"), ("vote", "rescind"), ("decide", "reverse"), ("decide", "rescind"),
    ("approve", "reverse"), ("approve", "rescind"), ("rule", "reverse"), ("adopt", "repeal"),
    ("pass", "repeal"), ("enact", "repeal"),
)

# Pairs where two sources cannot both be right about the same moment.
CONTRADICTIONS = (
    ("acquit", "convict"), ("confirm", "deny"), ("approve", "reject"), ("win", "lose"),
    ("accept", "reject"), ("admit", "deny"),
)

# Scale words after a number in a figure ("4.2 million people").
FIGURE_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
# Plurals that do not end in s, counted like the others ("60 people").
PLURALS_WITHOUT_S = ("people", "children", "men", "women", "police", "staff", "cattle")
# Plural nouns a number can stand before that count no thing a source could get wrong: spans
# of time (a difference there is usually two different spans) and repetitions.
FIGURE_NOUNS_SKIPPED = frozenset("""
seconds minutes hours days weeks months years decades centuries times others ones
""".split())


# Entity kinds that are named in a story without being its people: the outlet a report was
# given to ("told CNN"), a role someone plays ("her turn as detective Sarah Linden").
NOT_PEOPLE_KINDS = ("news_outlet", "character")
