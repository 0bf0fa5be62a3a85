"""Sign-in, sign-out and second-factor pages (django-allauth), under /<lang>/accounts/."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import include, path, re_path


@login_not_required  # the same 404 for everyone
def not_offered(request, *args, **kwargs):
    raise Http404("Accounts are made by an administrator, and this site sends no e-mail.")


urlpatterns = [
    # allauth's sign-up, e-mail and password-reset-by-e-mail pages: not for this site.
    re_path(r"^(signup|email|confirm-email|password/set|password/reset|login/code)/", not_offered),
    path("", include("allauth.urls")),
]
