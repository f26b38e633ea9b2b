"""Patterns and word lists for cleaning text copied from a news page, apart from the logic.

Everything here describes page furniture in general (how wires, photo agencies, share bars and
teasers look on many outlets), never one article's names or sentences.
"""
from __future__ import annotations

import re

from .calendar import MONTH_PATTERN, WEEKDAY_PATTERN

# --- dates as page furniture writes them -------------------------------------------------------

_MONTH = rf"(?i:{MONTH_PATTERN})\.?"
_WEEKDAY = rf"(?i:{WEEKDAY_PATTERN})\.?,?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_TIME = (r"\d{1,2}(?:(?:[:.]\d{2})\s*(?:[ap]\.?\s?m\.?)?|\s*[ap]\.?\s?m\.?)"
         r"(?:\s*(?:[A-Z]{2,4}|UTC[+-]?\d*|GMT[+-]?\d*))?")

# One full calendar date; the named groups tell the order (month-day-year, day-month-year, ...).
FULL_DATE = re.compile(
    rf"(?:{_WEEKDAY}\s+)?(?:(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>{_DAY}),?\s+(?P<mdy_y>\d{{4}})"
    rf"|(?P<dmy_d>{_DAY})\s+(?:of\s+)?(?P<dmy_m>{_MONTH}),?\s+(?P<dmy_y>\d{{4}})"
    r"|(?P<iso_y>\d{4})-(?P<iso_m>\d{1,2})-(?P<iso_d>\d{1,2})"
    r"|(?P<num_a>\d{1,2})[/.](?P<num_b>\d{1,2})[/.](?P<num_y>\d{4}))\b",
    re.IGNORECASE)
# A month and year ("December 2021"), and a month and day with no year ("April 3").
MONTH_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?:of\s+)?(?P<y>\d{{4}})\b", re.IGNORECASE)
MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})\b(?!,?\s+\d{{4}})"
                       rf"|\b(?P<d2>{_DAY})\s+(?P<m2>{_MONTH})\b(?!,?\s+\d{{4}})", re.IGNORECASE)
# A line that is nothing but a date (and perhaps a weekday and a time): a teaser's or page's stamp.
DATE_ONLY = re.compile(
    rf"(?:{_TIME}\s*[,|·•-]?\s*)?(?:{FULL_DATE.pattern})(?:\s*[,|·•-]?\s*(?:at\s+)?{_TIME})?"
    r"\s*\.?", re.IGNORECASE)
RELATIVE_DATE_ONLY = re.compile(
    r"(?:\d+|an?|one)\s+(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?)\s+ago"
    r"|yesterday|just now|today", re.IGNORECASE)
# "Updated 3:45 PM EDT, Thu April 20, 2023", "Published April 3, 2023", "Last modified on ...".
TIMESTAMP_PREFIX = re.compile(
    r"(?:last\s+)?(?:updated|published|posted|modified|first published|originally published"
    r"|created|updated on|published on)\b\s*(?:on\s+)?:?", re.IGNORECASE)
UPDATE_WORDS = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)

# --- bylines and datelines ---------------------------------------------------------------------

# A role or beat under or after an author's name ("Staff Writer", "Transport correspondent").
ROLE_LINE = re.compile(
    r"(?:[A-Za-z&-]+\s+){0,3}(?:writer|reporter|correspondent|editor|columnist|critic|"
    r"contributor|producer|journalist|analyst|photographer|bureau chief|staff)s?"
    r"(?:\s+(?:at|for|in|with)\s+.{1,40})?", re.IGNORECASE)
# Words in the names of news outlets ("The Riverside Herald", "BBC News").
OUTLET_WORDS = re.compile(
    r"\b(?:News|Times|Post|Herald|Tribune|Journal|Gazette|Press|Daily|Chronicle|Telegraph|"
    r"Guardian|Star|Observer|Magazine|Radio|TV|Media|Network|Bureau|Wire|Desk|Service|Agency|"
    r"Bulletin|Courier|Register|Record|Sun|Examiner|Standard|Independent|Insider)\b")
BYLINE_START = re.compile(r"(?:by|written by|words by|reporting by)\s+(?P<rest>.+)", re.IGNORECASE)
# Separators between authors, and between the authors and their roles or outlets.
BYLINE_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\||·|•|\s[-–—]\s|/)\s*", re.IGNORECASE)
# Words of a person's name: capitalised words, initials, and lower-case particles.
NAME_WORD = re.compile(r"(?:[A-Z][\w'’.-]*|[A-Z]\.|(?:de|da|del|van|von|der|den|la|le|bin|al|"
                       r"el|du|di|dos|ter|y)|(?:Jr|Sr)\.?|I{2,3}|IV)")

# Wire services and agencies that sign bylines, datelines and photo credits.
AGENCIES = (
    "Associated Press", "AP Photo", "AP", "Reuters", "Thomson Reuters", "AFP",
    "Agence France-Presse", "Getty Images", "Getty", "EPA-EFE", "EPA", "Shutterstock",
    "Bloomberg", "Alamy", "PA Images", "PA Media", "PA Wire", "PA", "Xinhua", "Anadolu Agency",
    "Anadolu", "NurPhoto", "SOPA Images", "LightRocket", "Invision", "Sipa USA", "Sipa",
    "Polaris", "ZUMA Press", "ZUMA Wire", "Zuma", "WireImage", "FilmMagic", "Corbis",
    "Rex Features", "Rex", "Bridgeman", "Pool", "Handout", "Imagn",
    "USA Today Sports", "UPI", "Kyodo", "Yonhap", "AAP", "Canadian Press", "The Canadian Press",
    "dpa", "TNS", "Tribune News Service", "Redux", "Magnum", "Backgrid", "Splash News",
    "Everett Collection", "NASA", "Bloomberg News", "CNN", "BBC", "BBC News", "NPR",
    "The New York Times", "The Washington Post", "Los Angeles Times", "The Guardian",
    "Observer", "Agencies", "News agencies",
)
AGENCY = re.compile(r"\b(?:" + "|".join(re.escape(name) for name in
                                        sorted(set(AGENCIES), key=len, reverse=True)) + r")\b")
# A wire dateline led by its date, or by the page's stamp run into it: "March 26 (Reuters) -",
# "Sat Mar 26, 2011 9:49 am EDT (Reuters) -", "GENEVA | Wed Apr 29, 2009 3:21 pm BST GENEVA
# (Reuters) -". The agency is required: a date opening a sentence is no dateline.
_CAPS_PLACE = r"[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
_STAMPED_DATELINE = (
    rf"(?:{_CAPS_PLACE}\s*\|\s*)?(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?P<date3>{_MONTH}\s+{_DAY}(?:,\s*\d{{4}})?)"
    r"(?:,?\s+\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?"
    rf"(?:\s+(?P<place3>{_CAPS_PLACE}))?\s*\((?P<agency3>[^()]{{2,40}})\)")
# "WASHINGTON (AP) —", "LONDON, April 3 (Reuters) -", "KYIV, Ukraine (AP) —", "(CNN) —".
_DATELINE_DATE = rf"(?:,\s*(?P<date>{_MONTH}\s+{_DAY}(?:,\s*\d{{4}})?|{_DAY}\s+{_MONTH}))?"
DATELINE = re.compile(
    rf"(?:(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){{0,3}}"
    rf"(?:,\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){{0,2}}){{0,2}}){_DATELINE_DATE}"
    rf"\s*(?:\((?P<agency>[^()]{{2,40}})\))?"
    rf"|(?P<place2>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){{0,2}}(?:,\s+[A-Z][\w.'’\-]+){{0,2}})?"
    rf"\s*\((?P<agency2>[^()]{{2,40}})\)"
    rf"|{_STAMPED_DATELINE})"
    r"\s*(?:—|–|--|-|:)\s+(?=\S)")

# --- photographs -------------------------------------------------------------------------------

# Labels that introduce a credit ("Photo: Jane Doe/Reuters", "Credit...Doug Mills/The Times").
CREDIT_PREFIX = re.compile(
    r"(?:image source|photo(?:graph)?s?(?: credit)?|picture|image|credit|illustration|"
    r"video|copyright)\s*(?::|,|\.{3}|…)\s*|\(?(?:photo|photograph|picture|image)s?\s+by\s+|"
    r"(?:photo |image )?courtesy of\s+",
    re.IGNORECASE)
# Where a credit begins inside a caption line ("... in London. Photograph: Jane Doe/Reuters").
INLINE_CREDIT = re.compile(
    r"(?<=[.!?”\"’)])\s*(?=(?:Photograph|Photo|Credit|Image|Picture|Illustration)s?"
    r"\s*(?::|\.{3}|…))|\s+(?=\((?:Photo|Photograph|Picture|Image)s?\s+by\b)")
# Words that make a short line a credit: agencies, "via", "courtesy", a photographer/agency slash.
CREDIT_WORDS = re.compile(r"\b(?:via|courtesy|handout|pool|file photo|photo)\b|\S\s?/\s?\S",
                          re.IGNORECASE)
# Labels that introduce a caption ("Image caption, ...", "Pictured: ...").
CAPTION_PREFIX = re.compile(
    r"(?:image caption|media caption|caption|pictured|above|top|left|right|main image|"
    r"in pictures|photo|photograph|picture)\s*(?::|,)\s*", re.IGNORECASE)
# A label left alone on its line by the copy ("Image caption," then the caption on the next line).
LONE_LABEL = re.compile(r"(?:image source|image caption|media caption|caption|photo|credit)"
                        r"\s*[:,]?", re.IGNORECASE)
# Present-tense verbs of photo captions ("X attends ...", "Firefighters battle ...").
CAPTION_VERBS = frozenset("""
attend attends speak speaks arrive arrives walk walks pose poses stand stands sit sits
look looks hold holds wave waves gesture gestures listen listens leave leaves react reacts
celebrate celebrates battle battles gather gathers march marches protest protests watch
watches deliver delivers address addresses greet greets shake shakes visit visits talk talks
testify testifies answer answers depart departs take takes carry carries ride rides perform
performs wait waits pray prays mourn mourns kneel kneels inspect inspects sign signs smile
smiles cheer cheers hug hugs embrace embraces rest rests run runs board boards exit exits
enter enters kick kicks score scores play plays dance dances sing sings clear clears search
searches survey surveys fly flies burn burns hang hangs lie lies work works gaze gazes
shout shouts chant chants rally rallies light lights lay lays wade wades sift sifts
""".split())
# Passive captions: "A man is detained by police", "Protesters are seen ...".
CAPTION_PASSIVE = re.compile(r"\b(?:is|are)\s+(?:seen|pictured|shown|\w+ed|sworn|led|held)\b")
# Sentences quoted whole are speech, never captions.
QUOTE_OPENERS = ("“", '"', "‘", "'", "«")
SENTENCE_END = re.compile(r"[.!?…][”\"’')\]]*$")

# --- teasers, share bars, adverts --------------------------------------------------------------

# Labels that introduce links to other stories.
TEASER_CUES = re.compile(
    r"(?P<cue>related(?: coverage| content| articles?| stories| links| reading| video| topics)?|"
    r"read more|read also|also read|read next|see also|more on this(?: story)?|recommended|"
    r"recommended stories|must read|don[’']t miss|watch|video|more coverage|more from \w+|"
    r"further reading|you may also like|you might also like|up next|most read|most popular|"
    r"trending(?: now)?|top stories|more stories|editor[’']s picks)"
    r"(?:\s*(?::|\||—|–)\s*(?P<rest>.*))?", re.IGNORECASE)
# Closing lines of an explainer teaser ("Here's everything we know so far.").
TEASER_ENDINGS = re.compile(
    r"here[’']s (?:everything|what) (?:we know|you need to know|to know)(?: so far| now)?\.?$"
    r"|read the full story\.?$|click here[^.]*\.?$", re.IGNORECASE)

# Whole lines that are page furniture, with the kind of removal they are.
ADVERT_LINES = re.compile(
    r"(?:skip )?advertisement|ad|sponsored(?: content)?|paid content|supported by|"
    r"story continues below(?: this)? advertisement|article continues below(?: advertisement)?|"
    r"continue reading below|content from our partners|promoted", re.IGNORECASE)
NAVIGATION_LINES = re.compile(
    r"share(?: this| the| full)?(?: article| story| page| on \w+)?|share via|copy link"
    r"(?: to clipboard)?|link copied|listen to (?:this )?(?:article|story)(?:\W+\d+[:.]?\d*"
    r"\s*(?:min(?:ute)?s?)?)?|listen(?:\W+\d+[:.]\d+(?:\s*mins?)?)?|\d+[- ]min(?:ute)?s?"
    r"(?: read| listen)?|reading time:?\s*\d+\s*min(?:ute)?s?|print|e-?mail|save(?: article)?|"
    r"gift (?:this )?article|comments?(?:\s*\(\d+\))?|\d+ comments?|follow|skip to (?:main )?"
    r"(?:content|navigation)|menu|search|sections|home|log ?in|sign in|back to top|"
    r"continue reading(?: the main story)?|toggle \w+|expand|close|open in app|read in app|"
    r"view comments|more about [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,3}|"
    r"(?:(?:share on )?(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|flipboard|"
    r"email|threads|bluesky|telegram)[\s,|·•]*){1,8}", re.IGNORECASE)
# Newsletter and subscription plugs; a block holding one is a plug throughout.
NEWSLETTER = re.compile(
    r"sign up\b|subscribe\b|newsletter\b|delivered (?:straight |directly )?to your inbox|"
    r"enter your email|by signing up|thank you for signing up|already a subscriber|"
    r"promotional content|you may occasionally receive|support (?:our|local) journalism",
    re.IGNORECASE)
FOLLOW_US = re.compile(r"follow (?:us|\w+(?:\s\w+){0,3}) on (?:twitter|x|facebook|instagram|"
                       r"threads|bluesky|tiktok|linkedin|youtube)\b.*", re.IGNORECASE)
# Closing boilerplate: copyright notices, wire editing credits, trust statements.
FOOTER_LINES = re.compile(
    r"(?:©|copyright\s+(?:©\s*)?\d{4}|copyright\s+©).{0,150}|"
    r"\(?reporting by .*(?:editing by|writing by|additional reporting).*\)?|"
    r"our standards:.*|all rights reserved\.?|.{0,120}\bcontributed (?:to )?(?:this )?"
    r"(?:report|reporting|story|article)\.?|this (?:story|article) (?:has been|was) "
    r"(?:updated|corrected|originally published).*", re.IGNORECASE)
# A closing note about the author ("Jane Doe covers courts for The Times.").
AUTHOR_BIO = re.compile(
    r"[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3}\s+(?:is (?:a|an|the) (?:[\w-]+ ){0,4}(?:reporter|"
    r"writer|correspondent|editor|columnist|critic|journalist)\b.{0,120}|covers .{0,80} for "
    r"(?:The|the) .{0,40}|writes about .{0,100})")
# A byline with the role after the name and no "By" ("Jane Doe Transport correspondent").
NAME_THEN_ROLE = re.compile(
    r"(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,2}?)\s+(?P<role>(?:[A-Za-z-]+\s+){0,3}?"
    r"(?:writer|reporter|correspondent|editor|columnist|critic|contributor|journalist|analyst)s?)")
# Breadcrumbs and section trails ("News › World › Europe", "World | Europe").
BREADCRUMB = re.compile(r"[\w&'’ ]{1,25}(?:\s*(?:›|»|>|\|)\s*[\w&'’ ]{1,25}){1,6}")

# --- dating an article from its own words ------------------------------------------------------

# Words that make a clause about the future ("is set for Friday", "will testify in June").
FUTURE_MARKERS = re.compile(
    r"\b(?:will|won[’']t|shall|(?:is|are|was|were)\s+(?:set|scheduled|slated|due|expected|"
    r"poised|planned|going)\s+(?:to|for)|set (?:to|for)|scheduled|slated|upcoming|next|"
    r"plans? to|planning to|intends? to|to be held|(?:is|are) to be)\b|\w[’']ll\b",
    re.IGNORECASE)
# Past-tense verbs and markers: a clause with one reports what already happened.
PAST_VERBS = re.compile(
    r"\b(?:[a-z]+ed|said|told|was|were|had|did|began|went|came|took|made|gave|found|left|met|"
    r"ran|saw|won|lost|fell|rose|spoke|wrote|brought|held|got|sent|paid|struck|broke|chose|"
    r"drew|flew|hit|kept|led|quit|sold|stood|swore|threw|wore|became|built|caught|felt|heard|"
    r"knew|meant|sat|shot|spent|taught|thought|ago|earlier|previously)\b")
# A bare year the text dates something by ("in 2020", "since 2019", "mid-2022").
YEAR_IN_CONTEXT = re.compile(
    r"\b(?:(?:in|since|during|from|until|through|by|of|early|late|around|before|after|spring|"
    r"summer|fall|autumn|winter)\s+|mid-)(?P<y>(?:19|20)\d{2})\b(?!,\d|%|\s*(?:percent|people))",
    re.IGNORECASE)
# Words before a weekday that are not part of a name ("On Friday", "Last Thursday").
WEEKDAY_LEADS = frozenset("on last next this by since until before after from early late "
                          "through that the".split())

# A line that is only a web address ("http://amzn.to/2jRvThQ", "twitter.com/someone").
BARE_LINK = re.compile(r"(?:https?://|www\.)\S+|[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)

# A Markdown heading mark ("# Title", "## Title") before a headline pasted from Markdown.
MARKDOWN_HEADING = re.compile(r"^#{1,6}[ \t]+")

# --- a page's web address and timestamp lines in its header ---------------------------------------

# A web address once the spaces a tokenizer put in it are gone ("http: / / www. x. com / a"):
# with a scheme or "www.", or a bare host with a path whose last label is a lower-case TLD.
WEB_ADDRESS = re.compile(
    r"(?i:https?://|www\.)[^\s]+|(?:[\w-]+\.)+[a-z]{2,24}(?::\d+)?/\S*")
# In a tokenized address every space touches address punctuation; a space between two other
# characters ("http://x.com is down") is running text.
ADDRESS_TEXT_SPACE = re.compile(r"[^\s./:_?=&#~%+,'’-]\s+[^\s./:_?=&#~%+,'’-]")
# Tokens of a timestamp line beside dates and numbers ("Last updated at", "Story Created:",
# "hrs", "a. m.", ordinal suffixes).
STAMP_WORDS = frozenset("""
last updated update published posted modified created first originally story article on at
am pm a m p hrs hr h local time st nd rd th
""".split())
# Of those, the words that make a clock time alone a stamp ("Updated 5:40 p.m. ET"): a bare
# clock time ("10 p.m.") heads an entry of a live page, part of its body.
STAMP_CUES = frozenset("updated update published posted modified created originally".split())
# Time zones as pages print them, upper case: GMT, UTC, EST, EDT, PDT, BST, IST, AKDT, HKT, ET.
TIME_ZONE = re.compile(r"[A-Z]{1,4}T|UTC|Z")
# A clock time, also tokenized ("14: 39", "5:46 PM", "05. 51AM", "7 a. m.", "1052 GMT").
CLOCK_TIME = re.compile(
    r"\b\d{1,2}\s?[:.]\s?\d{2}\b|\b\d{1,2}\s?[ap]\.?\s?m\b\.?|\b\d{4}\s?(?:GMT|UTC)\b",
    re.IGNORECASE)
# A numeric date with a two- or four-digit year, also tokenized ("12 / 16 / 08").
NUMERIC_DATE = re.compile(r"\b\d{1,2}\s?[/.-]\s?\d{1,2}\s?[/.-]\s?(?:\d{4}|\d{2})\b")
# A timestamp line has at most this many tokens.
STAMP_MAX_TOKENS = 20
# Spaces a tokenizer put inside a number's punctuation ("4 / 9 / 2007", "11: 11").
SPACED_NUMBER_PUNCTUATION = re.compile(r"(?<=\d)\s?([/:.])\s?(?=\d)")
# Numeric stamp dates the calendar patterns leave: a two-digit year ("12/16/08", month first
# unless the first number cannot be a month) and a dotted ISO order ("2012.08.08").
SHORT_YEAR_DATE = re.compile(r"\b(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{2})\b(?![/.-]?\d)")
DOTTED_ISO_DATE = re.compile(r"\b(?P<y>(?:19|20)\d{2})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})\b")
# A two-digit year below this is in the 2000s, else in the 1900s.
SHORT_YEAR_PIVOT = 70
