"""Web page vocabulary: the class/id names of page furniture, and the junk around names.

Patterns are matched against an element's ``class`` and ``id`` together, lower-cased. A name
part is a run between spaces, ``-`` and ``_``: ``ad`` matches ``ad-slot`` and ``top_ad``, never
``header`` or ``read-more``. Each box kind maps to a `Removed.kind` of the contract.
"""
from __future__ import annotations

import re

# Start and end of a name part inside a class/id string.
_B = r"(?:^|[\s_-])"
_E = r"(?:$|[\s_-])"


def _parts(*names: str) -> re.Pattern[str]:
    return re.compile(_B + "(?:" + "|".join(names) + ")" + _E)


# Photo captions: the caption text itself (a credit inside it is split off, see CREDIT_CLASS).
CAPTION_CLASS = re.compile(
    r"caption|cutline|figure__text|figure-text|img-desc|image-desc|photo-desc"
    r"|(?:image|photo|img)-?(?:info|meta)" + _E)
# Photo and video credits, sources of images.
CREDIT_CLASS = re.compile(
    r"credit|photographer|image-?source|photo-?source|copyright-?image|img-?source"
    r"|(?:photo|image|picture)-?by|rights" + _E)
# Pull quotes repeat a sentence of the body in large type.
PULLQUOTE_CLASS = re.compile(r"pull-?quote|pullout|blockquote--pull|quote--pull|quote-?callout")
# Teasers for other articles.
RELATED_CLASS = re.compile(
    r"related|read-?more|readmore|more-?(?:stories|news|articles|from|on|in|like)" + _E +
    r"|recommend|also-?(?:read|on|like)|see-?also|further-?reading|you-?may|trending"
    r"|most-?(?:popular|read|viewed|shared)|popular-?(?:posts|stories)|outbrain|taboola"
    r"|up-?next|next-?(?:article|story|post)|more-?coverage|(?:^|[\s_-])(?:tout|teasers?)" + _E +
    r"|rollover|tooltip|popover|hover-?card")
# Side columns and widgets beside the article.
SIDEBAR_CLASS = _parts(r"sidebar", r"side-?bar", r"rail", r"right-?rail", r"widget", r"aside")
# Newsletter sign-ups, subscription and donation boxes: reported as "advert".
NEWSLETTER_CLASS = re.compile(
    r"newsletter|subscri|sign-?up|signup|paywall|regwall|membership|donat|inline-?promo"
    r"|(?:^|[\s_-])(?:promo|cta|optin|opt-in|email-?capture)" + _E)
# Advertising slots.
ADVERT_CLASS = _parts(
    r"ad", r"ads", r"adv", r"advert\w*", r"adsense", r"adslot", r"adunit", r"ad-?slot",
    r"ad-?unit", r"ad-?container", r"ad-?wrapper", r"adsbygoogle", r"dfp", r"gpt",
    r"sponsor\w*", r"native-?ad", r"ad-?banner", r"banner-?ad")
# Menus, sharing buttons, breadcrumbs, tag lists.
NAVIGATION_CLASS = _parts(
    r"nav", r"navbar", r"navigation", r"menu", r"breadcrumbs?", r"share", r"sharing",
    r"social", r"share-?bar", r"share-?tools", r"social-?share", r"toolbar", r"tags",
    r"tag-?list", r"pagination", r"skip-?link", r"comments?-?count")
# Comment threads.
COMMENTS_CLASS = _parts(r"comments?", r"disqus", r"respond", r"comment-?list", r"discussion")

# Box kinds in the order they are tried: (Removed.kind, class/id pattern, reason).
BOX_KINDS: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("credit", CREDIT_CLASS, "photo credit"),
    ("caption", CAPTION_CLASS, "caption"),
    ("other", PULLQUOTE_CLASS, "pull quote"),
    ("advert", ADVERT_CLASS, "advertisement"),
    ("advert", NEWSLETTER_CLASS, "newsletter or subscription box"),
    ("related", RELATED_CLASS, "related articles"),
    ("other", COMMENTS_CLASS, "comments"),
    ("navigation", NAVIGATION_CLASS, "menu, sharing or tags"),
    ("other", SIDEBAR_CLASS, "sidebar"),
)
# Any of them: one quick test before the ordered ones.
ANY_BOX = re.compile("|".join(f"(?:{pattern.pattern})" for _, pattern, _ in BOX_KINDS))
# Headlines of pages that are errors, not articles.
ERROR_PAGE = re.compile(r"\b(?:404|not found|page not found|error|no longer available"
                        r"|does not exist|access denied|forbidden)\b", re.I)

# Tags whose whole subtree is never article text.
NAVIGATION_TAGS = ("nav",)
NEVER_TEXT_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "button", "select",
                   "input", "textarea")
# Block-level tags: the units paragraphs are made of.
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "aside", "header", "footer", "blockquote", "li",
    "ul", "ol", "dl", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr",
    "td", "th", "figure", "figcaption", "form", "hr", "br", "address", "center"})
# Tags that hold a paragraph's text (others count when they hold text of their own).
TEXT_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
                       "td", "th", "dd", "dt", "figcaption", "address"})
# Tags a lede can stand in; and the classes of standfirsts, decks and summaries, which are not.
LEDE_TAGS = frozenset({"p", "div", "h2", "section"})
DEK_CLASS = re.compile(r"lead|standfirst|abstract|(?:^|[\s_-])deck?" + _E + r"|subtitle"
                       r"|sub-?head|strap|intro|excerpt|teaser|description|kicker|disclaimer")
HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")

# Parsing hostile markup (`inputs.markup`): elements without content, elements that opening
# another of the same kind closes, and the paragraph tags kept when a page nested too deep is
# flattened (they do not nest, so they add no depth).
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "param", "source", "track", "wbr", "frame", "keygen"})
AUTO_CLOSED_TAGS = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "figcaption"})
# Wrappers without meaning of their own: removed first (when bare) from a page nested too deep.
WRAPPER_TAGS = frozenset({"div", "span", "section", "font", "center", "b", "i", "u", "em",
                          "strong", "small", "big", "tt", "ins", "del", "mark", "s"})

# Short lines of page residue that survive the DOM pass: matched against a whole block of at
# most RESIDUE_MAX_WORDS words. Kind for each: see RESIDUE_LINES.
RESIDUE_MAX_WORDS = 30
RESIDUE_LINES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("credit", re.compile(
        r"^[(\[]?(?:(?:top|lead|main|file|header|featured)\s+)?"
        r"(?:photo|image|picture|illustration|photograph)s?"
        r"(?:\s+credit)?s?\s*(?::|by\b|courtesy\b|©)", re.I)),
    ("credit", re.compile(r"^[(\[]?(?:credit|source|courtesy)\s*:\s*\S", re.I)),
    ("credit", re.compile(r"^[^.]{0,80}(?:/|\||©|\bvia\s)\s*(?:getty(?: images)?|shutterstock"
                          r"|istock(?:photo)?|ap(?: photo)?|reuters|afp|epa|alamy)\b"
                          r"[^.]{0,40}[)\]]?\.?$", re.I)),
    ("credit", re.compile(r"^[(\[]?(?:ap|afp|reuters|epa|upi) photo\b", re.I)),
    ("byline", re.compile(r"^[(\[]?(?:additional )?(?:reporting|writing|editing|compiled|"
                          r"translated|produced) by\b", re.I)),
    ("advert", re.compile(r"\b(?:sign up|subscribe|get|receive|delivered)\b.{0,80}"
                          r"\b(?:newsletters?|inbox)\b|\b(?:newsletters?|inbox)\b.{0,80}"
                          r"\b(?:sign up|subscribe)\b", re.I)),
    ("advert", re.compile(r"^(?:sign up|subscribe|get|join|register|download|try|become|support"
                          r"|start your)\b.{0,120}\b(?:subscri\w*|access|letterbox|free|trial"
                          r"|per month|a month|a year|member)", re.I)),
    ("advert", re.compile(r"for your personal,? non-commercial use only", re.I)),
    ("advert", re.compile(r"^(?:advertisement|sponsored(?: content)?|ad|story continues below"
                          r"(?: advertisement)?)\.?$", re.I)),
    ("related", re.compile(r"^(?:(?:read|see|watch|listen)(?: more| also)?|also(?: read| see"
                           r"| on [\w.]+)?|more|related(?: stories| articles)?|recommended"
                           r"|don'?t miss|must read|top stories)(?:\s*(?:[:|>»]|-\s)|\s*$)", re.I)),
    ("related", re.compile(r"^also on [\w.]+\b", re.I)),
    ("navigation", re.compile(
        r"^(?:like this (?:story|article)\?|share (?:this|on)\b|follow (?:us|@)|click to share"
        r"|tweet this|print this|email this|(?:share|tweet|email|print|comments?)$"
        r"|tell us what you think)", re.I)),
    ("navigation", re.compile(r"^follow\b.{0,80}\b(?:on|at)\s+(?:twitter|facebook|instagram"
                              r"|youtube|linkedin|tiktok)\b", re.I)),
    ("dateline", re.compile(r"^(?:updated|published|posted|last updated|first published)"
                            r"\b[^.]{0,50}(?:\d{4}|[ap]\.?m\.?|gmt|utc|et|bst)\.?$", re.I)),
    ("other", re.compile(r"\bclick here\b|^write to .{0,60}\S+@\S+\.\w+", re.I)),
    ("other", re.compile(r"^(?:have a (?:news )?tip\?|contact (?:the )?(?:writer|author|reporter)"
                         r"|send (?:us )?(?:a )?tips?\b|\w+(?: \w+){0,3} (?:can|may) be reached at"
                         r"|copyright ©|© \d{4}|all rights reserved)", re.I)),
)

# Words and phrases in author fields that are not names.
AUTHOR_JUNK = re.compile(
    r"\b(?:e-?mail(?: the)? (?:author|writer|reporter)|minutes? read|min read|read time"
    r"|(?:hours?|minutes?|days?|weeks?|months?|years?|mins?|hrs?) ago|updated|published|posted"
    r"|follow(?: on| me| us)?|twitter|facebook|instagram|linkedin|view (?:all )?(?:posts|articles)"
    r"|more (?:from|by|articles|stories)|contact|staff writer|correspondent|reporter|editor"
    r"|contributor|columnist|senior|writer|subscribe|read more|bio|profile|webmaster"
    r"|editorial (?:team|staff|board)|newsroom)\b|admin", re.I)
# Leading "By", trailing roles and organisations separated by a comma or a bar.
AUTHOR_PREFIX = re.compile(r"^\s*(?:by|written by|words by|story by|von|par|por|di|door)\s+",
                           re.I)
AUTHOR_SEPARATORS = re.compile(r"\s*(?:;|\||,|&|\band\b|\bund\b|\bet\b|\by\b|\n)\s*")
AUTHOR_MAX_WORDS = 5
# Author parts that are links, handles, domains or dates, not names.
NOT_A_NAME = re.compile(r"\d|@|https?:|www\.|\w\.(?:com|org|net|co|io|news)\b", re.I)

# Meta fields for dates: published first, modified kept apart.
PUBLISHED_META = ("article:published_time", "article:published", "og:published_time",
                  "og:article:published_time", "datepublished", "publishdate", "pubdate",
                  "pdate", "date", "dc.date.issued", "dc.date.created", "dcterms.created",
                  "dcterms.issued", "sailthru.date", "parsely-pub-date", "publish-date",
                  "publication_date", "article.published", "date.published", "dc.date",
                  "citation_publication_date", "published_time", "article_date_original")
MODIFIED_META = ("article:modified_time", "article:modified", "og:updated_time", "datemodified",
                 "lastmod", "last-modified", "dcterms.modified", "dc.date.modified",
                 "article.updated", "modified_time", "date.updated")
