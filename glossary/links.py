"""The glossary as a source of term links (content.term_links): every published term, by each of its forms."""

from bilingual.chinese import has_chinese, to_simplified
from content.term_links import Target

from .models import Term


def _forms(term):
    """(language of the texts, form): English texts by the English term; Traditional texts by the Traditional term;
    Simplified texts by the explicit Simplified form and by what the converter makes of the Traditional one (the
    body a zh-hans reader reads is converted). Other forms go to the texts of their script."""
    forms = [("en", term.term_en), ("zh-hant", term.term_zh_hant), ("zh-hans", term.simplified)]
    forms.append(("zh-hans", to_simplified(term.term_zh_hant)))
    for line in (term.other_forms or "").splitlines():
        form = line.strip()
        if has_chinese(form):
            forms += [("zh-hant", form), ("zh-hans", to_simplified(form))]
        elif form:  # Latin: B2B, IoT in texts of every language; English phrases only match English texts
            forms += [("en", form), ("zh-hant", form), ("zh-hans", form)]
    return tuple((lang, form) for lang, form in dict.fromkeys(forms) if form)


def glossary_links():
    terms = Term.objects.published().only("slug", "term_en", "term_zh_hant", "simplified", "other_forms")
    return [Target("glossary:term_detail", {"slug": term.slug}, _forms(term)) for term in terms.iterator()]
