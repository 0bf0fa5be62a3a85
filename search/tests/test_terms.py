"""A text's terms are found by the regex engine in one pass per kind of term (search.terms.text_terms); they are
exactly the terms the definition gives, run by run (the module's docstring), whatever the text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from search.terms import _runs, hashed, nested_hashed, text_terms


def terms_run_by_run(text):
    """The definition: each character of a run, and each bigram of a Chinese run or trigram of another."""
    terms = set()
    for kind, run in _runs(text):
        size = 2 if kind == "c" else 3
        terms.update(run)
        terms.update(run[i : i + size] for i in range(len(run) - size + 1))
    return terms


# Chinese (with radicals, compatibility and astral ideographs), Latin, digits, full-width forms, underscores,
# punctuation, combining marks and spaces: every boundary between classes.
ALPHABET = "物流供应链網際⺼⻊丽𠀋𡈽abcXYZ019Ｂ２＿_-.'% \n\t。，é\u0301ß"


@settings(max_examples=500, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=40))
def test_the_terms_of_a_text_are_its_runs_characters_and_grams(text):
    assert text_terms(text) == terms_run_by_run(text)


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(alphabet=ALPHABET, max_size=20), min_size=3, max_size=3))
def test_nested_terms_are_the_hashed_terms_of_the_texts_so_far(texts):
    title, summary, others = texts
    assert nested_hashed(texts) == [
        hashed(text_terms(title)),
        hashed(text_terms(title) | text_terms(summary)),
        hashed(text_terms(title) | text_terms(summary) | text_terms(others)),
    ]


def test_the_terms_of_a_mixed_text():
    assert text_terms("物流2b2b_x") == {"物", "流", "物流", "2", "b", "2b2", "b2b", "x"}
