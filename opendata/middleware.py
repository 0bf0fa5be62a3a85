"""The API's answers are the same whatever the client's language or cookies: they vary on neither."""

from django.utils.cache import cc_delim_re

UNUSED = {"accept-language", "cookie"}  # added by LocaleMiddleware and SessionMiddleware for every page


class ApiVaryMiddleware:
    """Outside LocaleMiddleware and SessionMiddleware: drops what they add to Vary from the API's answers, since
    a shared cache (Varnish) keeps one entry per distinct value of every header named in Vary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and "api-v1" in match.namespaces and response.has_header("Vary"):
            kept = [name for name in cc_delim_re.split(response["Vary"]) if name and name.lower() not in UNUSED]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
