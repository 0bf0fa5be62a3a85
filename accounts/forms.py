"""The second-factor code form, throttled like the password: by django-axes, per pair and per address."""

from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm
from axes.handlers.proxy import AxesProxyHandler
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


class ThrottledAuthenticateForm(AuthenticateForm):
    """allauth's code form; a wrong code counts as a failed sign-in for (user name, address).

    A locked pair or address gets no further tries (the axes middleware answers 429).
    """

    def clean_code(self):
        request = context.request
        credentials = {"username": self.user.get_username(), "second_factor": True}
        if not AxesProxyHandler.is_allowed(request, credentials):
            request.axes_locked_out = True  # the axes middleware answers 429
            request.axes_credentials = credentials
            # Counted like a password tried while refused: the pause starts again.
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            raise ValidationError(_("Too many failed attempts. Try again later."), code="locked")
        try:
            return super().clean_code()
        except ValidationError:
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            raise
