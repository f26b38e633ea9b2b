"""Closed-class English words: frequent in any English text, rare in other languages."""

ENGLISH_FUNCTION_WORDS = frozenset("""
a about after all also an and any are as at be been but by can could did do does for from
had has have he her his how i if in into is it its just may more most my no not of on one
or our out over said she should so some than that the their them then there these they this
those to up was we were what when where which while who will with would you your
""".split())
