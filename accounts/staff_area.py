"""Which addresses are the staff area: every URL pattern that is not declared public.

Public is Django's own mark (`login_not_required`, as LoginRequiredMiddleware reads it): the readers'
pages are marked once, where ecomkb/urls.py assembles them (`public`), and the sign-in pages carry
allauth's and the admin's own marks. Everything else — the admin, the translation files, the account
pages, and any page added later — is guarded by accounts.middleware.StaffAreaMiddleware, with no list
to keep up to date.
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver

# The staff pages a signed-in staff member without a second factor yet (new, or just reset) may use:
# setting one up, and the pages that come with it. Named by allauth's URL names.
SET_UP_PAGES = frozenset({"mfa_activate_totp", "account_reauthenticate", "account_logout"})

# The pages a session with both factors but a one-time password may use: the recovery codes shown right after
# setting up the app, and changing the password (allauth's page or the admin's).
PASSWORD_CHANGE_PAGES = SET_UP_PAGES | {
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
    "account_change_password",
    "password_change",
    "password_change_done",
}


def is_public(view_func):
    return not getattr(view_func, "login_required", True)


def public(*patterns):
    """Mark every view in these URL patterns (includes too, however deep) as a public page."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            public(*pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            login_not_required(pattern.callback)
    return list(patterns)
