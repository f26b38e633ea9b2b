"""Words that make and shape time expressions: numbers, units, relative words, seasons, parts
of the day, holidays, reference words, frequency words and the verb cues that give a sentence's
direction in time. Plain constants only; `storyline.timex.rules` builds its patterns from them."""

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000,
    "a": 1, "an": 1, "a single": 1, "a couple of": 2, "a couple": 2, "couple of": 2,
    "a dozen": 12, "dozen": 12, "a half": 0.5, "half a": 0.5, "half an": 0.5,
}
# Quantities that say "some number of": the TIMEX3 value gets an X for the number.
VAGUE_NUMBERS = (
    "a few", "few", "several", "some", "many", "a number of", "a lot of", "lots of",
    "countless", "numerous", "the next few", "a handful of",
)
ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25, "twenty-sixth": 26,
    "twenty-seventh": 27, "twenty-eighth": 28, "twenty-ninth": 29, "thirtieth": 30,
    "thirty-first": 31, "last": -1, "final": -1,
}

# Time units: the TIMEX3 duration letter (T marks time-of-day units) and how many base units.
UNITS = {
    "second": ("S", 1), "sec": ("S", 1), "minute": ("M", 1), "min": ("M", 1),
    "hour": ("H", 1), "hr": ("H", 1), "day": ("D", 1), "night": ("D", 1),
    "week": ("W", 1), "fortnight": ("W", 2), "weekend": ("D", 2), "month": ("M", 1),
    "quarter": ("Q", 1), "year": ("Y", 1), "yr": ("Y", 1), "decade": ("DE", 1),
    "century": ("CE", 1), "centurie": ("CE", 1), "millennium": ("ML", 1), "millennia": ("ML", 1),
}
# Spelled out in a value: decades and centuries count in years (P20Y for "two decades").
UNIT_IN_YEARS = {"DE": 10, "CE": 100, "ML": 1000}

# Which way a relative word points, in units of its noun: "last month" is -1 month.
RELATIVE_SHIFT = {
    "last": -1, "past": -1, "previous": -1, "preceding": -1, "prior": -1,
    "this": 0, "current": 0, "present": 0, "same": 0,
    "next": 1, "coming": 1, "following": 1, "upcoming": 1, "subsequent": 1,
}
# Of these, the ones that point from the last date mentioned rather than from publication.
ANAPHORIC_SHIFTS = ("previous", "preceding", "prior", "following", "subsequent", "same")
# Days from today that the deictic words point to ("yesterday" is -1).
DEICTIC_SHIFT = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1,
                 "the day before yesterday": -2, "the day after tomorrow": 2}

# Parts of the day, with their TIMEX3 codes ("Friday morning": ...TMO).
PARTS_OF_DAY = {
    "morning": "MO", "mornings": "MO", "afternoon": "AF", "afternoons": "AF",
    "evening": "EV", "evenings": "EV", "night": "NI", "nights": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI", "daytime": "DT", "dawn": "MO", "dusk": "EV",
    "mid-afternoon": "AF", "midafternoon": "AF", "mid-morning": "MO", "midmorning": "MO",
}
# Exact clock readings some words give.
CLOCK_WORDS = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}

# Fixed-date holidays (month, day); the moving ones are computed in `storyline.timex.calendar_math`.
FIXED_HOLIDAYS = {
    "new year's day": (1, 1), "new year's": (1, 1), "valentine's day": (2, 14),
    "st. patrick's day": (3, 17), "independence day": (7, 4), "fourth of july": (7, 4),
    "july fourth": (7, 4), "bastille day": (7, 14), "halloween": (10, 31),
    "veterans day": (11, 11), "armistice day": (11, 11), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26),
    "new year's eve": (12, 31),
}
# Moving holidays: (month, weekday with Monday 0, which occurrence; -1 the last).
WEEKDAY_HOLIDAYS = {
    "thanksgiving day": (11, 3, 4), "thanksgiving": (11, 3, 4),
    "martin luther king day": (1, 0, 3), "presidents day": (2, 0, 3),
    "presidents' day": (2, 0, 3), "memorial day": (5, 0, -1), "labor day": (9, 0, 1),
    "columbus day": (10, 0, 2), "mother's day": (5, 6, 2), "father's day": (6, 6, 3),
}
# U.S. Election Day: the Tuesday after the first Monday of November.
ELECTION_DAY = ("election day",)
EASTER_HOLIDAYS = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1}

# Words whose TIMEX3 value is a reference to the present, past or future.
PRESENT_REF_WORDS = ("now", "currently", "current", "nowadays", "these days", "the present",
                     "present-day")
PAST_REF_WORDS = ("recently", "lately", "the past", "long ago", "not long ago",
                  "not that long ago", "some time ago", "a while ago", "the old days")
FUTURE_REF_WORDS = ("the future", "the near future", "a later date", "the years to come")

# Frequencies: "daily" is every day, TIMEX3 type SET with a period value.
SET_WORDS = {
    "hourly": "PT1H", "nightly": "P1D", "daily": "P1D", "weekly": "P1W", "biweekly": "P2W",
    "fortnightly": "P2W", "monthly": "P1M", "bimonthly": "P2M", "quarterly": "P1Q",
    "annually": "P1Y", "yearly": "P1Y", "semiannually": "P6M", "biannually": "P6M",
    "semi-annually": "P6M", "every day": "P1D", "everyday": "P1D", "each day": "P1D",
}

# Quantity modifiers TimeML keeps inside the expression ("about two years", "nearly an hour").
APPROXIMATORS = (
    "about", "around", "approximately", "roughly", "some", "nearly", "almost", "more than",
    "less than", "fewer than", "at least", "at most", "no more than", "no less than",
    "not more than", "up to", "over", "under", "just over", "just under", "well over",
    "close to", "upwards of", "only", "just", "barely", "a full", "fully", "the better part of",
    "a little over", "a little more than", "an estimated", "more or less",
)

# Direction from a sentence's verbs. These auxiliaries put the time they govern ahead...
FUTURE_AUXILIARIES = ("will", "shall", "'ll", "wo")
MODALS_AHEAD = ("may", "might", "should", "must", "can", "ca")
# ...these leave it open ("could", "would": a past ability, a future in the past)...
MODALS_OPEN = ("would", "could", "'d")
# ...these verbs' own time modifiers name the planned event ("planned a rally on Saturday",
# "has scheduled a news conference Thursday"), whatever their tense...
FUTURE_VERBS = ("plan", "schedule", "slate", "postpone", "reschedule", "adjourn", "expect",
                "intend", "defer")
# ...and of those, these move things ahead even in the past ("postponed until Tuesday").
POSTPONING = ("postpone", "reschedule", "defer")
# ...or in the present passive ("a hearing is set for Friday", "the vote is due Monday")...
FUTURE_PASSIVES = ("set", "due", "scheduled", "slated", "expected", "planned", "upcoming",
                   "poised", "likely", "ready", "payable", "effective")
# ...and so do infinitives under these ("is to resume Tuesday", "hopes to close in May").
FUTURE_CONTROLLERS = (
    "schedule", "set", "plan", "expect", "due", "slate", "intend", "aim", "hope", "propose",
    "prepare", "anticipate", "forecast", "project", "predict", "promise", "vow", "pledge",
    "threaten", "likely", "poised", "go", "want", "need", "agree", "decide", "wish", "seek",
    "ask", "urge", "order", "call", "allow", "require", "able", "ready", "mean", "try", "offer",
    "vote", "move",
)
# Prepositions that fix the direction by themselves: "since January" looks back.
PAST_PREPOSITIONS = ("since",)
# ...and these leave it open even in a past clause ("extended the deadline until Friday").
OPEN_PREPOSITIONS = ("until", "till", "through", "by")

# Words that, just before a four-digit number, make it a name or count, not a year.
NOT_YEAR_BEFORE = (
    "room", "rooms", "suite", "apartment", "apt", "flight", "route", "highway", "interstate",
    "no", "number", "nos", "page", "pages", "pp", "p", "chapter", "section", "article", "rule",
    "bill", "resolution", "model", "version", "item", "unit", "box", "building", "gate",
    "platform", "channel", "code", "pin", "lot", "block", "street", "avenue", "st", "ave",
    "road", "rd", "floor", "seat", "row", "level", "exit", "mile", "miles", "km", "dow",
    "index", "nasdaq", "s&p", "ftse", "nikkei", "windows", "boeing", "airbus", "formula",
    "office", "fund", "account", "ticket", "docket", "population", "ranked", "rank", "tops",
    "nearly", "almost", "approximately", "roughly", "than", "zip", "phone", "ext", "volume",
    "vol", "issue", "series", "grade", "district", "ward", "precinct", "$", "#", "€", "£",
    "reached", "hit", "totaled", "totalled", "numbered", "closed", "rose", "fell", "gained",
    "lost", "dropped", "climbed", "jumped", "slipped", "eased", "ended", "finished", "opened",
)
# ...and after it, a unit or count noun.
NOT_YEAR_AFTER = (
    "people", "persons", "votes", "voters", "members", "troops", "soldiers", "workers",
    "employees", "jobs", "cases", "deaths", "dead", "patients", "students", "children",
    "men", "women", "homes", "houses", "units", "cars", "vehicles", "shares", "points",
    "percent", "per", "%", "dollars", "euros", "pounds", "yen", "francs", "marks", "tons",
    "tonnes", "barrels", "acres", "miles", "km", "kilometers", "feet", "meters", "metres",
    "kg", "kilograms", "hours", "minutes", "seconds", "days", "weeks", "months", "years",
    "calories", "words", "pages", "copies", "signatures", "residents", "refugees",
    "prisoners", "victims", "officers", "police", "flights", "passengers", "species",
    "firms", "companies", "stores", "sites", "locations", "times", "mph", "rpm", "degrees",
    "bpd", "bbl", "tickets", "rooms", "beds", "seats", "others", "more", "fewer", "cents",
    "billion", "million", "thousand", "hundred", "a.m.", "p.m.", "am", "pm", "hrs", "gmt",
    "utc", "est", "edt", "pst", "pdt", "cst", "cdt", "local",
)
# Words just before a four-digit number that make it a year whatever follows.
YEAR_LEADS = (
    "in", "since", "of", "until", "till", "before", "after", "during", "early", "late", "mid",
    "by", "through", "between", "from", "circa", "ca.", "c.", "year", "years", "fiscal",
    "calendar", "spring", "summer", "fall", "autumn", "winter", "christmas", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "'s", "the", "its", "his", "her", "their", "our", "this", "that",
)

# Decades written as words ("the nineties"): the decade's digit within its century.
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}

# Time zones that may follow a clock time ("5 p.m. EST").
TIME_ZONES = (
    "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST", "CET", "CEST",
    "ET", "PT", "CT", "MT", "local time", "Eastern time", "Pacific time", "Central time",
    "Eastern", "Pacific", "Eastern Standard Time", "Eastern Daylight Time",
)
