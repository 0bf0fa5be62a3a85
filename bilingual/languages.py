"""Language facts used by templates, views and tests: one place for the mapping."""

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language, get_language_info

# BCP 47 spelling for the lang and hreflang attributes.
HTML_LANG = {"en": "en", "zh-hant": "zh-Hant", "zh-hans": "zh-Hans"}
# Open Graph wants language_TERRITORY; Traditional Chinese here is Taiwan usage.
OG_LOCALE = {"en": "en_US", "zh-hant": "zh_TW", "zh-hans": "zh_CN"}


def html_lang(code=None):
    code = code or get_language() or settings.LANGUAGE_CODE
    return HTML_LANG.get(code, code)


def content_language(code=None):
    """The modeltranslation language whose fields hold the text for this UI language."""
    code = code or get_language() or settings.LANGUAGE_CODE
    return code if code in settings.MODELTRANSLATION_LANGUAGES else "zh-hant"


def url_in_language(path, code):
    """The same page in another language (slugs are shared, so only the prefix changes)."""
    try:
        translated = translate_url(path, code)
    except ValueError:  # a path urlsplit() rejects, such as "//[" on a 404 page
        translated = path
    if translated != path:
        return translated
    current = get_language()
    prefix = f"/{current}/"
    if path.startswith(prefix):  # a page that does not resolve, such as a 404
        return f"/{code}/{path[len(prefix) :]}"
    return f"/{code}/"


def alternates(request):
    """One entry per site language: its code, own name and the current page's URL in it."""
    current = get_language()
    return [
        {
            "code": code,
            "html_lang": html_lang(code),
            "name_local": get_language_info(code)["name_local"],
            "url": request.build_absolute_uri(url_in_language(request.path, code)),
            "is_current": code == current,
            "og_locale": OG_LOCALE.get(code, code.replace("-", "_")),
        }
        for code, _name in settings.LANGUAGES
    ]
