from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.views import defaults
from django.views.generic import TemplateView

from content.models import BODY_LENGTH
from content.views import RELATED_LIMIT
from modes.models import Company, OperationMode
from modes.selectors import companies_in_reading_order
from trends.models import Trend

MODE_MAP_CODES = ("B2B", "B2C", "C2B", "C2C", "O2O")  # the five modes the map on the home page draws


class HomeView(TemplateView):
    """The first of each list (each a page of an index, however long the list), and the map of the five modes."""

    template_name = "home.html"

    def get_context_data(self, **kwargs):
        published_modes = OperationMode.objects.published()
        return super().get_context_data(
            modes=published_modes[:RELATED_LIMIT],
            mode_map={mode.code: mode for mode in published_modes.filter(code__in=MODE_MAP_CODES)},
            trends=Trend.objects.published()[:RELATED_LIMIT],
            companies=companies_in_reading_order(Company.objects.published())[:RELATED_LIMIT],
            **kwargs,
        )


class RobotsView(TemplateView):
    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"


def bad_request(request, exception):
    """A form over the size limits (settings, "Request size") gets a page that says what happened and
    what to do, in the reader's or editor's language; any other bad request Django's plain 400."""
    if isinstance(exception, (RequestDataTooBig, TooManyFieldsSent)):
        context = {
            "limit_megabytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024),
            "limit_fields": f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}",
            "field_characters": f"{BODY_LENGTH.limit_value:,}",
        }
        return render(request, "413.html", context, status=413)
    return defaults.bad_request(request, exception)


def csrf_failure(request, reason=""):
    """A form refused for its CSRF token (an old page, a blocked cookie): the 403 page saying so, in the page's
    language and the site's design. Django's own page is in English whatever the page's language."""
    return render(request, "403.html", {"csrf_failed": True}, status=403)


def server_error(request):
    """The 500 page in the page's language and the site's design, without touching the database.

    Django's own handler renders without the request, so the language switch and links
    would be missing; if even this fails, a plain line is better than nothing.
    """
    try:
        return render(request, "500.html", status=500)
    except Exception:
        return HttpResponseServerError("Server error", content_type="text/plain")
