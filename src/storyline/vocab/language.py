"""Words and language lists for telling English from other languages."""

# Closed-class English words: frequent in any English text, rare in other languages.
ENGLISH_FUNCTION_WORDS = frozenset("""
a about after all also an and any are as at be been but by can could did do does for from
had has have he her his how i if in into is it its just may more most my no not of on one
or our out over said she should so some than that the their them then there these they this
those to up was we were what when where which while who will with would you your
""".split())

# The languages the identifier (py3langid's model) chooses among. Every language of the model
# written in another script than Latin is a candidate: a different script cannot pass for
# English. Of the Latin-script ones, only the languages of a national press are: English
# headlines, results and tables also "read" as Nigerian Pidgin (an English-lexified creole),
# Latin, Esperanto or small regional languages (Breton, Bikol, Extremaduran, ...), which no
# news source storyline reads is written in, and each such rival takes probability from English.
NON_LATIN_LANGUAGES = frozenset("""
am ar ary arz as ba be bg bn dz el fa gu he hi hy ja ka kk km kn ko ky lo mk ml mn mr my ne or
pa ps ru sdh si ta te tg th tt ug uk ur uzs wuu yue zh
""".split())
LATIN_NEWS_LANGUAGES = frozenset("""
af az bs ca cs cy da de en es et eu fi fr ga gl hr ht hu id is it lb lt lv mg ms mt nl no pl
pt ro rw sk sl so sq sr sv sw tk tl tr uz vi
""".split())
CANDIDATE_LANGUAGES = NON_LATIN_LANGUAGES | LATIN_NEWS_LANGUAGES

# Model labels that are not ISO 639-1 codes, to the code of their macrolanguage.
TO_ISO_639_1 = {
    "ary": "ar", "arz": "ar",   # Moroccan and Egyptian Arabic
    "wuu": "zh", "yue": "zh",   # Wu and Cantonese
    "uzs": "uz",                # Southern Uzbek (Arabic script)
    "sdh": "ku",                # Southern Kurdish
}
