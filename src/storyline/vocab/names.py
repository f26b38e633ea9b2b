"""Words around names: honorifics, titles, role nouns, cue words for titles of works, kinds.

Generic English vocabulary only: nothing here names a person, and the place and outlet lists
are general-knowledge gazetteers, not drawn from any article or benchmark.
"""

# Courtesy titles: dropped from a name and its mention, no descriptor ("Mr. Baldwin").
HONORIFICS = frozenset("""
mr mrs ms miss mx messrs mmes sir dame madam mme mlle herr frau monsieur madame senor senora
""".split())

# Titles written before a name, abbreviated or not, with the descriptor they give.
TITLES = {
    "sen": "senator", "senator": "senator", "rep": "representative",
    "representative": "representative", "gov": "governor", "governor": "governor",
    "dr": "doctor", "doctor": "doctor", "gen": "general", "general": "general",
    "lt": "lieutenant", "lieutenant": "lieutenant", "col": "colonel", "colonel": "colonel",
    "capt": "captain", "cpt": "captain", "captain": "captain", "sgt": "sergeant",
    "sergeant": "sergeant", "adm": "admiral", "admiral": "admiral", "maj": "major",
    "cpl": "corporal", "corporal": "corporal", "prof": "professor", "professor": "professor",
    "rev": "reverend", "reverend": "reverend", "pres": "president", "president": "president",
    "supt": "superintendent", "det": "detective", "detective": "detective",
    "insp": "inspector", "inspector": "inspector", "atty": "attorney", "amb": "ambassador",
    "ambassador": "ambassador", "sec": "secretary", "secretary": "secretary",
    "cmdr": "commander", "commander": "commander", "judge": "judge", "justice": "justice",
    "mayor": "mayor", "chancellor": "chancellor", "king": "king", "queen": "queen",
    "prince": "prince", "princess": "princess", "pope": "pope", "bishop": "bishop",
    "archbishop": "archbishop", "cardinal": "cardinal", "rabbi": "rabbi", "imam": "imam",
    "sheikh": "sheikh", "coach": "coach", "officer": "officer", "agent": "agent",
    "sheriff": "sheriff", "chief": "chief", "commissioner": "commissioner",
    "minister": "minister", "premier": "premier", "congressman": "congressman",
    "congresswoman": "congresswoman", "councilman": "councilman",
    "councilwoman": "councilwoman", "speaker": "speaker", "chairman": "chairman",
    "chairwoman": "chairwoman", "marshal": "marshal", "trooper": "trooper",
    "deputy": "deputy", "father": "father", "sister": "sister", "brother": "brother",
    "pastor": "pastor", "emperor": "emperor", "empress": "empress", "sultan": "sultan",
    "ayatollah": "ayatollah", "lord": "lord", "lady": "lady", "baron": "baron",
    "baroness": "baroness", "duke": "duke", "duchess": "duchess", "count": "count",
    "countess": "countess", "earl": "earl", "sheik": "sheikh", "president-elect":
    "president-elect", "ceo": "CEO", "cfo": "CFO", "coo": "COO",
}

# Multi-word titles and roles (lowercase, single spaces); matched before single words.
TITLE_PHRASES = {
    "prime minister": "prime minister", "vice president": "vice president",
    "attorney general": "attorney general", "secretary of state": "secretary of state",
    "foreign minister": "foreign minister", "foreign secretary": "foreign secretary",
    "defense secretary": "defense secretary", "defence secretary": "defence secretary",
    "chief justice": "chief justice", "supreme leader": "supreme leader",
    "chief executive": "chief executive", "district attorney": "district attorney",
    "house speaker": "house speaker", "white house press secretary": "press secretary",
    "press secretary": "press secretary", "first lady": "first lady",
    "lieutenant governor": "lieutenant governor", "lt. gov.": "lieutenant governor",
    "crown prince": "crown prince", "special counsel": "special counsel",
    "police chief": "police chief", "fire chief": "fire chief",
    "head coach": "head coach", "defense attorney": "defense attorney",
    "majority leader": "majority leader", "minority leader": "minority leader",
    "secretary general": "secretary general", "secretary-general": "secretary-general",
    "finance minister": "finance minister", "interior minister": "interior minister",
    "defense minister": "defense minister", "defence minister": "defence minister",
    "health minister": "health minister", "state senator": "state senator",
    "u.s. attorney": "U.S. attorney", "executive producer": "executive producer",
}

# Nouns naming what a person is or does; a premodifier or apposition with one of these is a
# descriptor (singular forms; plurals are reduced before lookup).
ROLE_NOUNS = frozenset("""
actor actress producer director attorney lawyer prosecutor cinematographer armorer armourer
spokesperson spokesman spokeswoman senator governor president ceo cfo coo cto judge justice
sheriff mayor minister secretary chairman chairwoman chair chairperson executive founder
cofounder co-founder owner editor reporter journalist correspondent columnist writer author
novelist poet screenwriter playwright singer songwriter singer-songwriter rapper musician
guitarist drummer bassist pianist violinist composer conductor artist painter sculptor
photographer designer architect engineer scientist researcher professor teacher student
physician surgeon nurse paramedic economist analyst strategist consultant adviser advisor
aide assistant deputy officer detective investigator agent inspector trooper soldier marine
colonel captain lieutenant sergeant commander admiral manager coach player quarterback
pitcher catcher striker goalkeeper midfielder defender batsman bowler wicketkeeper champion
athlete runner sprinter golfer boxer wrestler swimmer cyclist jockey referee umpire host
anchor presenter broadcaster commentator comedian comic dancer ballerina star costar co-star
filmmaker showrunner creator entrepreneur investor banker billionaire businessman
businesswoman candidate nominee lawmaker legislator congressman congresswoman
representative delegate diplomat ambassador envoy commissioner councilman councilwoman
councilmember alderman official administrator superintendent principal dean provost
chancellor treasurer clerk pastor priest bishop archbishop cardinal rabbi imam cleric monk
nun missionary activist organizer campaigner protester leader spokesperson defendant
plaintiff witness victim suspect survivor juror inmate prisoner detainee gunman shooter
assailant attacker killer rescuer firefighter volunteer farmer worker employee staffer
intern publicist stylist chef pilot astronaut economist historian philosopher sociologist
psychologist psychiatrist therapist pharmacist dentist veterinarian epidemiologist
virologist biologist chemist physicist mathematician astronomer archaeologist curator
librarian auditor accountant regulator negotiator mediator arbitrator magistrate
solicitor barrister paralegal bailiff warden guard ranger pollster consultant lobbyist
fundraiser donor philanthropist heir heiress monarch king queen prince princess duke
duchess emperor premier chancellor vice-president president-elect governor-elect
mayor-elect speaker whip strategist operative aide-de-camp commander-in-chief
narrator illustrator animator editor-in-chief publisher critic reviewer blogger influencer
vlogger podcaster youtuber streamer gamer model supermodel pin-up pinup icon legend designer
choreographer
stuntman stuntwoman technician mechanic electrician carpenter plumber driver trucker
officer-in-charge coroner examiner medic doctor chief sheriff deputy marshal agent
""".split())

# Family and personal relations; descriptors too, and evidence that the name is a person.
KIN_NOUNS = frozenset("""
wife husband spouse partner son daughter mother father mom dad mum brother sister
grandmother grandfather grandson granddaughter grandchild uncle aunt nephew niece cousin
widow widower fiance fiancee fiancé fiancée girlfriend boyfriend stepson stepdaughter
stepmother stepfather stepbrother stepsister child friend colleague neighbor neighbour
roommate mentor protege protégé sibling twin
""".split())

# Adjectives (and a few nouns) that may stand before a role noun inside a descriptor.
QUALIFIERS = frozenset("""
special former chief senior junior deputy assistant associate acting interim executive
general managing lead principal federal state district independent defense defence
veteran longtime co vice national international foreign local top head supervising
supreme presiding retired prominent public private personal first second third
criminal civil trial appeals appellate assistant county city municipal regional
then current incumbent outgoing incoming founding creative artistic musical
""".split())

# Built places a name stands before ("the Riverside pumping station", "the Eastgate industrial
# park"): a lone name that only ever modifies one of these is a place, not a person.
FACILITY_NOUNS = frozenset("""
station plant building park bridge road street avenue lane dam reservoir mine mill factory
warehouse terminal airport stadium arena tower square estate mall depot yard pier wharf
tunnel highway interchange substation facility complex campus
""".split())

# Nouns that say a name is an organisation, with the kind they give.
ORG_NOUNS = {
    "company": "company", "firm": "company", "studio": "company", "banner": "company",
    "startup": "company", "start-up": "company", "retailer": "company",
    "automaker": "company", "carmaker": "company", "airline": "company",
    "bank": "company", "label": "company", "publisher": "company",
    "conglomerate": "company", "manufacturer": "company", "maker": "company",
    "distributor": "company", "brand": "company", "chain": "company",
    "insurer": "company", "lender": "company", "corporation": "company",
    "newspaper": "news_outlet", "magazine": "news_outlet", "outlet": "news_outlet",
    "broadcaster": "news_outlet", "network": "news_outlet", "tabloid": "news_outlet",
    "daily": "news_outlet", "weekly": "news_outlet", "channel": "news_outlet",
    "court": "court", "tribunal": "court", "university": "university",
    "college": "university", "school": "school", "party": "political_party",
    "team": "team", "club": "team", "league": "league", "charity": "nonprofit",
    "foundation": "nonprofit", "nonprofit": "nonprofit", "non-profit": "nonprofit",
    "agency": "agency", "department": "agency", "ministry": "agency",
    "committee": "committee", "council": "council", "commission": "agency",
    "band": "band", "group": "group", "organization": "organization",
    "organisation": "organization", "union": "union", "army": "military",
    "militia": "armed_group", "hospital": "hospital", "museum": "museum",
    "theater": "theater", "theatre": "theater",
}

# Nouns that say a name is a place ("Longyear is a town", "the village of X"), with the kind.
PLACE_NOUNS = {
    "city": "city", "town": "city", "village": "village", "hamlet": "village",
    "capital": "city", "port": "city", "suburb": "city", "municipality": "city",
    "county": "county", "province": "province", "state": "state", "country": "country",
    "nation": "country", "republic": "country", "kingdom": "country", "island": "island",
    "region": "region", "territory": "region", "district": "region", "enclave": "region",
    "neighborhood": "neighborhood", "neighbourhood": "neighborhood", "borough": "city",
    "settlement": "village", "peninsula": "region", "valley": "region",
}

# Last words of organisation names that give their kind ("Thomasville Pictures").
ORG_NAME_ENDINGS = {
    "inc": "company", "corp": "company", "corporation": "company", "co": "company",
    "company": "company", "ltd": "company", "llc": "company", "llp": "company",
    "plc": "company", "gmbh": "company", "ag": "company", "sa": "company", "nv": "company",
    "holdings": "company", "pictures": "company", "entertainment": "company",
    "studios": "company", "studio": "company", "films": "company", "productions": "company",
    "records": "company", "industries": "company", "technologies": "company",
    "motors": "company", "airlines": "company", "airways": "company", "partners": "company",
    "capital": "company", "ventures": "company", "labs": "company", "systems": "company",
    "pharmaceuticals": "company", "group": "company", "bank": "company",
    "court": "court", "university": "university", "college": "university",
    "school": "school", "party": "political_party", "times": "news_outlet",
    "post": "news_outlet", "journal": "news_outlet", "tribune": "news_outlet",
    "herald": "news_outlet", "gazette": "news_outlet", "chronicle": "news_outlet",
    "news": "news_outlet", "magazine": "news_outlet", "telegraph": "news_outlet",
    "department": "agency", "ministry": "agency", "agency": "agency", "office": "agency",
    "commission": "agency", "bureau": "agency", "police": "agency", "committee": "committee",
    "council": "council", "foundation": "nonprofit", "hospital": "hospital",
    "museum": "museum", "theatre": "theater", "theater": "theater",
}
# Last words that only organisation names have (people are called Post or Capital).
ORG_ONLY_ENDINGS = frozenset("""
inc corp corporation co ltd llc llp plc gmbh holdings pictures entertainment studios films
productions records industries technologies motors airlines airways pharmaceuticals labs
university college court department ministry agency commission bureau committee council
foundation hospital museum institute association federation league party
""".split())
ORG_NAME_STARTS = {"university": "university", "court": "court", "department": "agency",
                   "ministry": "agency", "bank": "company"}

def _fold(name: str) -> str:
    """Names folded as the entity stage matches them: lowercase, periods and spacing folded."""
    return " ".join(name.replace(".", " ").replace("’", "'").lower().split())


# Major news organisations (names as usually written).
NEWS_OUTLETS = frozenset(_fold(name) for name in (
    "CNN", "MSNBC", "CNBC", "Fox News", "Fox", "ABC", "ABC News", "NBC", "NBC News", "CBS",
    "CBS News", "PBS", "NPR", "BBC", "BBC News", "Reuters", "Associated Press", "AP", "AFP",
    "Agence France-Presse", "Bloomberg", "Bloomberg News", "New York Times",
    "The New York Times", "Washington Post", "The Washington Post", "Wall Street Journal",
    "The Wall Street Journal", "Los Angeles Times", "USA Today", "The Guardian", "Guardian",
    "Financial Times", "The Economist", "Politico", "Axios", "Variety", "The Hollywood Reporter",
    "Hollywood Reporter", "Deadline", "Rolling Stone", "Time", "Newsweek", "The Atlantic",
    "The New Yorker", "New Yorker", "Vanity Fair", "TMZ", "BuzzFeed News", "HuffPost",
    "Vox", "Al Jazeera", "Sky News", "The Telegraph", "Daily Telegraph", "Daily Mail",
    "The Sun", "The Times", "The Independent", "Interfax", "Xinhua", "Tass", "ITAR-TASS",
    "Kyodo", "Yonhap", "Der Spiegel", "Le Monde", "El Pais", "Chicago Tribune",
    "Boston Globe", "San Francisco Chronicle", "Miami Herald", "Houston Chronicle",
    "Dallas Morning News", "The Hill", "ProPublica", "Entertainment Weekly", "People",
    "Page Six", "E! News", "Access Hollywood", "Good Morning America", "Today",
))

# Words for a work, written before its quoted title ("the film “Rust”"), with the kind.
WORK_CUES = {
    "film": "film", "movie": "film", "picture": "film", "documentary": "film",
    "thriller": "film", "western": "film", "biopic": "film", "blockbuster": "film",
    "feature": "film", "remake": "film", "sequel": "film", "prequel": "film",
    "flick": "film", "horror": "film", "romcom": "film", "rom-com": "film", "short": "film",
    "comedy": "film", "drama": "film", "musical": "musical",
    "series": "tv_series", "miniseries": "tv_series", "docuseries": "tv_series",
    "show": "tv_series", "sitcom": "tv_series", "telenovela": "tv_series",
    "soap": "tv_series", "program": "tv_series", "programme": "tv_series",
    "reboot": "tv_series", "spinoff": "tv_series", "spin-off": "tv_series",
    "episode": "episode", "podcast": "podcast", "book": "book", "novel": "book",
    "memoir": "book", "biography": "book", "autobiography": "book", "bestseller": "book",
    "novella": "book", "anthology": "book", "poem": "poem", "play": "play", "opera": "opera",
    "song": "song", "single": "song", "track": "song", "ballad": "song", "anthem": "song",
    "hit": "song", "album": "album", "ep": "album", "record": "album", "mixtape": "album",
    "game": "video_game", "videogame": "video_game", "painting": "artwork",
    "sculpture": "artwork", "exhibition": "exhibition", "exhibit": "exhibition",
    "newsletter": "newsletter", "column": "article", "essay": "article",
    "article": "article", "op-ed": "article", "report": "report", "speech": "speech",
    "franchise": "franchise", "trilogy": "franchise", "cartoon": "tv_series",
    "anime": "tv_series", "special": "tv_special", "video": "video",
    "episode of": "tv_series", "episodes of": "tv_series", "season of": "tv_series",
    "broadcast of": "tv_series", "edition of": "tv_series",
}
# Irregular plurals of cue words (regular ones add -s).
WORK_CUE_PLURALS = {"series": "series", "comedies": "comedy", "biographies": "biography",
                    "autobiographies": "autobiography", "anthologies": "anthology",
                    "miniseries": "miniseries", "docuseries": "docuseries"}
# A comedy or drama "on NBC" is a series: these words before the cue make it one.
TV_WORDS = frozenset("""
tv television network cable streaming sitcom hbo netflix nbc cbs abc fox showtime hulu amc fx
""".split())

# Words standing between a cue and its title: "a thriller called “X”", "films like “X”".
TITLE_LINKS = ("called", "titled", "entitled", "named", "dubbed", "like", "such as",
               "including", "as")

# Short words a title may keep in lower case ("The Hunt for Red October").
TITLE_SMALL_WORDS = frozenset("""
a an the and or nor but of in on at to for with from by as into onto upon over under vs v
via per is are was be de del della di du la le les van von der den y et und off out up
""".split())

# Prizes often read as people ("an Oscar nod"): typed OTHER with kind award.
AWARDS = {"oscar": "Oscar", "oscars": "Oscar", "emmy": "Emmy", "emmys": "Emmy",
          "grammy": "Grammy", "grammys": "Grammy", "tony": "Tony", "tonys": "Tony",
          "bafta": "BAFTA", "baftas": "BAFTA", "pulitzer": "Pulitzer",
          "pulitzers": "Pulitzer", "golden globe": "Golden Globe",
          "golden globes": "Golden Globe", "peabody": "Peabody", "obie": "Obie",
          "heisman": "Heisman", "nobel": "Nobel"}
# Words after an award name that show it is the prize (so "Tony Blair" stays a person).
AWARD_CONTEXT = frozenset("""
nod nods nomination nominations nominee nominees winner winners win wins won award awards
prize prizes statuette statuettes ceremony ceremonies -winning winning -nominated
nominated campaign race
""".split())

# A name right after these is a role someone plays, not a person in the news ("her turn as
# detective Sarah Linden", "his impression of the president", "stars as Ellie").
# Bare "played" is left out: "Nadal played Federer" names an opponent.
PLAYED_AS_CUES = ("run as", "turn as", "role as", "roles as", "stint as", "cameo as",
                  "starred as", "stars as", "starring as", "cast as", "appeared as",
                  "appears as", "the role of", "impression of", "impersonation of",
                  "portrayal of")
# Verbs and phrases after which an organisation is the medium spoken to ("told CNN").
TOLD_CUES = ("told", "tell", "tells", "telling", "said to", "speaking to", "spoke to",
             "speaking with", "spoke with", "talking to", "talked to", "interview with",
             "according to", "in a statement to", "wrote in", "reported by")

# Organisation names that are addressed but are no outlets ("told the Senate", "told the FBI").
INSTITUTION_WORDS = frozenset("""
court committee senate congress house parliament police department ministry council
commission agency board office government administration assembly panel jury bureau
service authority force army navy military party union university school hospital
fbi cia nsa dea atf irs sec ftc fcc fda cdc epa faa ntsb dhs doj ice nypd lapd un nato eu
who imf opec
""".split())




COUNTRIES = frozenset(_fold(name) for name in """
Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|Armenia|Australia|
Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|
Bolivia|Bosnia and Herzegovina|Bosnia|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|
Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|Colombia|
Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|
Dominica|Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|
Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|
Grenada|Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|
Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|
Kazakstan|Kenya|Kiribati|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|
Libya|Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|
Marshall Islands|Mauritania|Mauritius|Mexico|Micronesia|Moldova|Monaco|Mongolia|Montenegro|
Morocco|Mozambique|Myanmar|Burma|Namibia|Nauru|Nepal|Netherlands|Holland|New Zealand|
Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Macedonia|Norway|Oman|Pakistan|Palau|
Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|Qatar|Romania|
Russia|Russian Federation|Rwanda|Saint Kitts and Nevis|Saint Lucia|Samoa|San Marino|
Saudi Arabia|Senegal|Serbia|Seychelles|Sierra Leone|Singapore|Slovakia|Slovenia|
Solomon Islands|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|
Suriname|Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tonga|
Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|Ukraine|
United Arab Emirates|UAE|United Kingdom|UK|U.K.|Britain|Great Britain|England|Scotland|
Wales|Northern Ireland|United States|US|U.S.|USA|U.S.A.|America|Uruguay|Uzbekistan|Vanuatu|
Vatican|Venezuela|Vietnam|Yemen|Yugoslavia|Zambia|Zimbabwe|Hong Kong|Greenland|Puerto Rico
""".replace("\n", "").split("|"))

US_STATES = frozenset(_fold(name) for name in """
Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Hawaii|
Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|
Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|
New York State|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|
South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington State|
West Virginia|Wisconsin|Wyoming|Ontario|Quebec|British Columbia|Alberta|Manitoba|
Saskatchewan|Nova Scotia|New Brunswick|Newfoundland|Bavaria|Queensland|Victoria|Tasmania|
New South Wales
""".replace("\n", "").split("|"))

# National capitals and the largest world cities.
CITIES = frozenset(_fold(name) for name in """
Abu Dhabi|Abuja|Accra|Addis Ababa|Algiers|Amman|Amsterdam|Ankara|Athens|Baghdad|Baku|
Bangkok|Beijing|Beirut|Belgrade|Berlin|Bern|Bogota|Brasilia|Bratislava|Brussels|Bucharest|
Budapest|Buenos Aires|Cairo|Canberra|Caracas|Colombo|Copenhagen|Dakar|Damascus|Dhaka|Doha|
Dublin|Dushanbe|Freetown|Hanoi|Harare|Havana|Helsinki|Islamabad|Jakarta|Jerusalem|Kabul|
Kampala|Kathmandu|Khartoum|Kiev|Kyiv|Kigali|Kinshasa|Kuala Lumpur|Kuwait City|La Paz|Lagos|
Lima|Lisbon|Ljubljana|London|Luanda|Lusaka|Madrid|Managua|Manila|Maputo|Mexico City|Minsk|
Mogadishu|Monrovia|Montevideo|Moscow|Nairobi|New Delhi|Delhi|Nicosia|Oslo|Ottawa|Panama City|
Paris|Phnom Penh|Prague|Pretoria|Pyongyang|Quito|Rabat|Reykjavik|Riga|Riyadh|Rome|Santiago|
Sarajevo|Seoul|Skopje|Sofia|Stockholm|Taipei|Tallinn|Tashkent|Tbilisi|Tehran|Tel Aviv|
Tirana|Tokyo|Tripoli|Tunis|Ulan Bator|Vienna|Vilnius|Warsaw|Washington|Wellington|
Windhoek|Yerevan|Zagreb|Bonn|Shanghai|Mumbai|Bombay|Karachi|Istanbul|Sao Paulo|
Rio de Janeiro|Los Angeles|Chicago|Houston|Philadelphia|Phoenix|San Francisco|Boston|
Miami|Atlanta|Seattle|Detroit|Dallas|New York City|Toronto|Montreal|Vancouver|Sydney|
Melbourne|Johannesburg|Cape Town|Frankfurt|Munich|Hamburg|Milan|Barcelona|Geneva|Zurich|
Osaka|Singapore|Dubai|Saint Petersburg|St Petersburg|Kolkata|Calcutta|Chennai|Bangalore|
Lahore|Guangzhou|Shenzhen|Ho Chi Minh City|Saigon|Manchester|Birmingham|Glasgow|Edinburgh|
Belfast|Marseille|Lyon|Naples|Venice|Florence|Rotterdam|Antwerp|Krakow|Hollywood
""".replace("\n", "").split("|"))
