"""Sign-in throttling with django-axes: per (user name, client address) pair, per address, per account.

The client address (`client_address`) is the peer's, or, when the peer is one of the trusted proxies
(settings.TRUSTED_PROXIES, from DJANGO_TRUSTED_PROXIES), the first address in X-Forwarded-For that is
not a trusted proxy, read from the right (as nginx's real_ip_recursive). What axes counts
(`counted_address`) is that address, except that an IPv6 client counts as its /64 network: one
subscriber's line hands out a whole /64, so rotating addresses inside it does not dodge a limit.

Three counters, each failed sign-in (wrong user name or password, wrong code, wrong current password
when changing it) counting toward all three:
- the pair's failures, limited by AXES_FAILURE_LIMIT, over axes' AccessAttempt rows: a guesser locks
  out only themselves, never the real user signing in from elsewhere;
- all failures from one address, limited by ACCOUNTS_ADDRESS_FAILURE_LIMIT (higher): one address
  trying many user names (password spraying) is stopped for every name;
- all failures against one account from every address together in the last hour, limited by
  ACCOUNTS_ACCOUNT_FAILURE_LIMIT (OWASP ASVS 4.0, 2.2.1), counted from the audit trail. The account's
  recognised devices (a signed cookie set by a sign-in with both factors) are not held by this one,
  so a botnet cannot lock the real user out of the browsers they sign in with.
A successful sign-in clears its own pair's failures and nothing else.
"""

import functools
import ipaddress
from datetime import timedelta

from allauth.core import context
from axes.backends import AxesStandaloneBackend
from axes.conf import settings
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

IPV6_PREFIX = 64  # the network an IPv6 client is counted as
ACCOUNT_WINDOW = timedelta(hours=1)  # the per-account ceiling counts failures this recent (ASVS: per hour)
DEVICE_COOKIE_SALT = "accounts.throttle.device"
DEVICE_COOKIE_NAMES = 5  # accounts one browser is remembered for (a shared office computer)
SIGNING_IN = "accounts_signing_in"  # request flag: its password checks are sign-ins, counted through axes


# ---------------------------------------------------------------------------
# The client address


def parse_address(text):
    """An IP address from a header or REMOTE_ADDR, or None; IPv4-mapped IPv6 becomes the IPv4 address."""
    try:
        address = ipaddress.ip_address(str(text).strip())
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped
        if address.scope_id is not None:  # fe80::1%eth0: the zone means nothing to anyone else
            return ipaddress.IPv6Address(int(address))
    return address


def parse_proxies(entries):
    """(networks, trusts everyone, entries that do not parse) for a list like DJANGO_TRUSTED_PROXIES.

    Each entry is an address or a CIDR network, as gunicorn's forwarded_allow_ips takes them (strictly:
    192.168.1.1/24 is a mistake, not 192.168.1.0/24); `*` trusts every peer, as it does for gunicorn.
    """
    networks, everyone, bad = [], False, []
    for entry in entries:
        entry = entry.strip()
        if entry == "*":
            everyone = True
            continue
        try:
            network = ipaddress.ip_network(entry)
        except ValueError:
            bad.append(entry)
            continue
        if network.version == 6 and network.prefixlen >= 96 and network.network_address.ipv4_mapped is not None:
            network = ipaddress.ip_network(f"{network.network_address.ipv4_mapped}/{network.prefixlen - 96}")
        networks.append(network)
    return tuple(networks), everyone, tuple(bad)


@functools.lru_cache(maxsize=16)
def _trusted_proxies(entries):
    networks, everyone, _bad = parse_proxies(entries)
    return networks, everyone


def is_trusted_proxy(address):
    networks, everyone = _trusted_proxies(tuple(settings.TRUSTED_PROXIES))
    return everyone or any(address in network for network in networks)


def _without_port(entry):
    """A proxy may append `203.0.113.7:51234` or `[2001:db8::7]:443` (Azure, some CDNs): the address only."""
    entry = entry.strip()
    if entry.startswith("[") and "]" in entry:
        return entry[1 : entry.index("]")]
    host, colon, port = entry.rpartition(":")
    return host if colon and host.count(":") == 0 and port.isdigit() else entry


def untrusted_peer(request):
    """The peer's address when it is no trusted proxy, else None. A peer with no IP address is a Unix socket: only
    a local proxy can reach it (gunicorn trusts it too)."""
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    return peer if _untrusted(peer) else None


def _untrusted(peer):
    return peer is not None and not is_trusted_proxy(peer)


def _client_ip(request):
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    if _untrusted(peer):
        return peer
    client = peer
    for entry in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = parse_address(_without_port(entry))
        if address is None:  # malformed (or empty): nothing to its left can be trusted either
            break
        client = address
        if not is_trusted_proxy(address):
            break
    return client


def client_address(request):
    """The client's address, as the audit trail records it (None when the request has none)."""
    address = _client_ip(request)
    return None if address is None else str(address)


def counted_address(request):
    """The address the throttle counts (axes' AXES_CLIENT_IP_CALLABLE): IPv6 clients by their /64 network."""
    address = _client_ip(request)
    if address is None:
        return None
    if address.version == 6:
        return str(ipaddress.IPv6Network((address, IPV6_PREFIX), strict=False).network_address)
    return str(address)


# ---------------------------------------------------------------------------
# The account's recognised devices (OWASP, "Slow Down Online Guessing Attacks with Device Cookies")


def device_stamp(user):
    """What a device cookie names an account by: its user name, bound to its password and its latest reset or
    change of second factor, so that a new password or a reset makes every device a stranger again."""
    from .services import latest_reset_id

    proof = salted_hmac(DEVICE_COOKIE_SALT, f"{user.password}:{latest_reset_id(user)}").hexdigest()[:20]
    return [user.get_username(), proof]


def _recognised(request):
    """The [user name, proof] pairs in this browser's signed device cookie (none if absent, forged or expired)."""
    value = request.COOKIES.get(settings.ACCOUNTS_DEVICE_COOKIE_NAME)
    if not value:
        return []
    try:
        entries = signing.loads(value, salt=DEVICE_COOKIE_SALT, max_age=settings.ACCOUNTS_DEVICE_COOKIE_AGE)
    except signing.BadSignature:  # includes an expired one
        return []
    if not isinstance(entries, list):
        return []
    return [entry for entry in entries if isinstance(entry, list) and len(entry) == 2]


def is_recognised_device(request, username):
    """Did this browser sign in to `username` with both factors, since its latest new password or reset?"""
    entries = _recognised(request)
    if not any(name == username for name, _proof in entries):
        return False
    user = get_user_model()._default_manager.filter(username=username).first()
    return user is not None and device_stamp(user) in entries


def remember_device(request, response, user):
    """After a sign-in with both factors: this browser is one of the account's recognised devices."""
    stamp = device_stamp(user)
    entries = [stamp, *(entry for entry in _recognised(request) if entry[0] != stamp[0])][:DEVICE_COOKIE_NAMES]
    response.set_cookie(
        settings.ACCOUNTS_DEVICE_COOKIE_NAME,
        signing.dumps(entries, salt=DEVICE_COOKIE_SALT),
        max_age=settings.ACCOUNTS_DEVICE_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


# ---------------------------------------------------------------------------
# The three counters


def account_failures(username):
    """Failed attempts against `username` (as typed) from every address in the last hour: the audit trail's lines."""
    from .models import AuthEvent

    failures = [*AuthEvent.FAILURES, AuthEvent.Kind.PASSWORD_CHANGE_FAILED]
    since = timezone.now() - ACCOUNT_WINDOW
    return AuthEvent.objects.filter(username=username, kind__in=failures, time__gte=since).count()


def account_paused(request, username):
    """Is the per-account ceiling reached, for this browser? (A recognised device of the account is not held.)"""
    if not username or is_recognised_device(request, username):
        return False
    return account_failures(str(username)[:150]) >= settings.ACCOUNTS_ACCOUNT_FAILURE_LIMIT


class PairAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with a limit of its own for each of the three counters."""

    def get_failures(self, request, credentials=None) -> int:
        # AXES_LOCKOUT_PARAMETERS is [[username, ip_address], ip_address]: one queryset for each.
        pair, address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        # Axes compares the number returned with AXES_FAILURE_LIMIT: past another limit, report the pair's.
        if address >= settings.ACCOUNTS_ADDRESS_FAILURE_LIMIT:
            return max(pair, settings.AXES_FAILURE_LIMIT)  # the address is paused for every name
        if account_paused(request, get_client_username(request, credentials)):
            return max(pair, settings.AXES_FAILURE_LIMIT)  # the account is paused for devices it does not know
        return pair

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On success, forget the failures of this pair only (not the address's other names)."""
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials), ip_address=request.axes_ip_address
        ).delete()
        return count


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' check, for every sign-in that comes with a request.

    A login without a request (the test client's `login()`, a shell) has no address to
    throttle; axes would refuse it outright, so it is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        setattr(request, SIGNING_IN, True)  # a wrong password here is counted by axes' user_login_failed
        return super().authenticate(request, username=username, password=password, **kwargs)


# ---------------------------------------------------------------------------
# Changing the password: the current password is a guess like any other

PASSWORD_CHANGE_PAUSED = _(
    "Too many failed attempts: changing the password is paused for a while. Try again later, "
    "or ask an administrator to lift the pause."
)


def _password_change_failed(request, user, credentials):
    from . import services
    from .models import AuthEvent

    AxesProxyHandler.user_login_failed(sender=__name__, credentials=credentials, request=request)
    services.record_event(kind=AuthEvent.Kind.PASSWORD_CHANGE_FAILED, request=request, user=user)
    paused = request.axes_locked_out
    request.axes_locked_out = False  # the form says so itself, rather than the sign-in lockout page
    return paused


def check_current_password(request, user, raw_password, check):
    """`check(user, raw_password)`, throttled and audited like a sign-in of `user` from this request's address.

    Refused (a ValidationError for the form) while the pair, the address or the account is paused.
    """
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username(), "password_change": True}
    if not AxesProxyHandler.is_allowed(request, credentials):
        _password_change_failed(request, user, credentials)  # counted, as a sign-in tried while refused is
        raise ValidationError(PASSWORD_CHANGE_PAUSED, code="locked")
    if check(user, raw_password):
        return True
    if _password_change_failed(request, user, credentials):
        raise ValidationError(PASSWORD_CHANGE_PAUSED, code="locked")
    return False


def guard_password_checks():
    """Throttle and audit every check of a user's current password made during a request, except sign-in's own.

    The one place both password-change forms go through: the admin's (Django's PasswordChangeForm) and
    allauth's (/<lang>/accounts/password/change/) each call `user.check_password(old)`. Sign-in
    (`authenticate()`, flagged by LoginThrottleBackend) is counted by axes through user_login_failed already.
    Outside a request (a shell, a management command) the check is the plain one.
    """
    original = AbstractBaseUser.check_password
    if getattr(original, "throttled", False):
        return

    @functools.wraps(original)
    def check_password(self, raw_password):
        request = context.request
        if request is None or getattr(request, SIGNING_IN, False) or self.pk is None:
            return original(self, raw_password)
        return check_current_password(request, self, raw_password, original)

    check_password.throttled = True
    AbstractBaseUser.check_password = check_password
