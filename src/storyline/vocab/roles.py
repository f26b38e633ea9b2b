"""Words of definite descriptions that stand for an entity named earlier ("the actor").

The role nouns themselves are `names.ROLE_NOUNS`; these lists only say how a description
headed by one may be resolved. Generic English only: nothing here comes from an article.
"""

# Occupations and characterisations that news writers use to vary a name already given
# ("Baldwin … the actor", "Smith … the singer"): such a description may take the most
# salient compatible person before it even when no one has been called so yet. Every other
# role noun ("the judge", "the district attorney", "the spokesman") is usually a new person
# of the story and resolves only to someone the article already described with it.
EPITHET_ROLES = frozenset("""
actor actress singer songwriter singer-songwriter rapper musician guitarist drummer bassist
pianist composer artist painter sculptor photographer designer comedian comic dancer star
costar co-star filmmaker producer director screenwriter playwright author novelist poet writer
entertainer celebrity model supermodel athlete player golfer boxer wrestler swimmer cyclist
sprinter runner quarterback pitcher striker goalkeeper billionaire businessman businesswoman
entrepreneur investor tycoon mogul philanthropist senator congressman congresswoman lawmaker
legislator politician candidate nominee activist campaigner veteran podcaster influencer
youtuber chef suspect defendant gunman
""".split())

# Of those, characterisations that do not exclude another role ("the star" may be the
# director): an entity already described otherwise stays a candidate for them.
NON_EXCLUSIVE_ROLES = frozenset("""
star celebrity veteran billionaire entrepreneur investor tycoon mogul philanthropist
suspect defendant gunman
""".split())

# Plain words for people: a description headed by one resolves, but gives no descriptor
# ("the two men", "the woman"); the gender where the word has one.
PERSON_WORDS = {
    "man": "male", "woman": "female", "boy": "male", "girl": "female", "men": "male",
    "women": "female", "gentleman": "male", "lady": "female",
    "teenager": None, "teen": None,
}
# Words for two people at once: "the couple" stands for the two named together before.
PAIR_WORDS = frozenset("couple pair duo".split())

# Modifiers that make a description say which one of many, not repeat one named:
# "the only candidate", "the first woman", "the next president", "the same man".
SELECTING_MODIFIERS = frozenset("""
only first second third fourth fifth last next same other latest sole present any
""".split())

# Organisation nouns that stand for one named just before ("Acme … the company said").
ORG_EPITHETS = frozenset("""
company firm studio startup start-up retailer automaker carmaker airline bank lender insurer
manufacturer maker conglomerate chain brand distributor publisher label newspaper magazine
broadcaster network tabloid charity nonprofit non-profit foundation university college
hospital museum team club band
""".split())

# Organisation nouns that name the kind of an organisation entity ("the agency": an entity of
# kind agency), with that kind; others ("the network", "the commission") are too loose.
ORG_KIND_WORDS = {
    "company": "company", "firm": "company", "corporation": "company", "agency": "agency",
    "court": "court", "university": "university", "college": "university",
    "school": "school", "hospital": "hospital", "museum": "museum", "team": "team",
    "club": "team", "committee": "committee", "council": "council", "party": "political_party",
    "band": "band", "newspaper": "news_outlet", "foundation": "nonprofit",
    "charity": "nonprofit", "union": "union",
}

# Place nouns that stand for one named before ("the city", "the country"), with the kinds
# of place entity each may stand for.
PLACE_EPITHETS = {
    "city": ("city",), "town": ("city", "village"), "village": ("village", "city"),
    "capital": ("city",), "country": ("country",), "nation": ("country",),
    "state": ("state",), "province": ("province", "state"), "county": ("county",),
    "island": ("island", "country"), "region": ("region", "province", "state"),
}

# Ages used as a noun: "the 65-year-old was arrested".
AGE_WORDS = frozenset("old".split())

# Prepositions whose phrase after a description makes it a new referent, not a repeat
# ("the director of the FBI", "a spokesman for the company").
NEW_REFERENT_PREPOSITIONS = frozenset("of for at from".split())

# Determiners of a plural in a partitive predicate: "is one of its producers".
PARTITIVE_DETERMINERS = frozenset("the its their his her our".split())

# Honorific prefixes of aliases that tell a person's gender ("Mr. Baldwin").
MALE_PREFIXES = ("mr ", "mr. ", "sir ")
FEMALE_PREFIXES = ("mrs ", "mrs. ", "ms ", "ms. ", "miss ", "dame ")
