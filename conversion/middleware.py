from .table import refresh_if_changed


class ConversionTableMiddleware:
    """Before a page is made, this process's table is brought up to date if another process changed it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refresh_if_changed()
        return self.get_response(request)
