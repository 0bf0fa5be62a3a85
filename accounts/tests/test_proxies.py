"""The client address: X-Forwarded-For only from trusted proxies (DJANGO_TRUSTED_PROXIES), IPv6 counted per /64.

Through the test client, with REMOTE_ADDR and X-Forwarded-For as the proxies in front send them; then
client_address itself, the deploy check and gunicorn's reading of the same variable.
"""

import base64
import ipaddress
import runpy

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.test import RequestFactory

from accounts import checks
from accounts.models import AuthEvent
from accounts.throttle import client_address, counted_address
from pages.tests.helpers import manage

from .conftest import PASSWORD

PAIR_LIMIT = 5
ADDRESS_LIMIT = 20
LOAD_BALANCER, CDN_EDGE = "10.0.0.2", "10.0.7.5"  # the proxies in front, both in 10.0.0.0/16


@pytest.fixture(autouse=True)
def policy(settings):
    settings.AXES_FAILURE_LIMIT = PAIR_LIMIT
    settings.ACCOUNTS_ADDRESS_FAILURE_LIMIT = ADDRESS_LIMIT
    settings.TRUSTED_PROXIES = ["10.0.0.0/16"]


def sign_in(client, username, password, remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/en/accounts/login/", {"login": username, "password": password}, **headers)


def counted():
    return set(AccessAttempt.objects.values_list("ip_address", flat=True))


def test_a_client_reaching_the_app_directly_cannot_rotate_its_address_with_x_forwarded_for(staff, client):
    """Observed with DJANGO_PROXY_COUNT=1 (the way to say "one proxy in front" until now): the header was read
    whoever sent it, so a client that reached the app server directly (HOST=0.0.0.0) wrote a new address into it
    for every guess and was never refused. Now only a trusted proxy's header is read."""
    for i in range(PAIR_LIMIT):
        sign_in(client, "mei", "guess", remote="198.51.100.66", forwarded=f"192.0.2.{i}")
    assert sign_in(client, "mei", PASSWORD, remote="198.51.100.66", forwarded="192.0.2.200").status_code == 429
    assert counted() == {"198.51.100.66"}


def test_behind_a_chain_of_trusted_proxies_the_client_is_the_first_untrusted_address_from_the_right(staff, client):
    """The same client through the CDN and the load balancer, or through the load balancer alone: one address.
    (A proxy count fits one of the two paths, never both.)"""
    for i in range(PAIR_LIMIT - 1):
        via_both = f"192.0.2.{i}, 198.51.100.66, {CDN_EDGE}"  # what the attacker wrote, then each proxy's peer
        assert sign_in(client, "mei", "guess", remote=LOAD_BALANCER, forwarded=via_both).status_code == 200
    refused = sign_in(client, "mei", "guess", remote=LOAD_BALANCER, forwarded="192.0.2.99, 198.51.100.66")
    assert refused.status_code == 429
    assert counted() == {"198.51.100.66"}
    mei = sign_in(client, "mei", PASSWORD, remote=LOAD_BALANCER, forwarded=f"203.0.113.9, {CDN_EDGE}")
    assert mei.status_code == 302, "the real editor, behind the same proxies, is not refused"
    assert set(AuthEvent.objects.values_list("ip_address", flat=True)) == {"198.51.100.66"}, "the client, not a proxy"


@pytest.mark.parametrize(
    ("remote", "forwarded", "client", "counted_as"),
    [
        ("198.51.100.66", "192.0.2.1", "198.51.100.66", "198.51.100.66"),  # not from a proxy: header ignored
        (LOAD_BALANCER, None, LOAD_BALANCER, LOAD_BALANCER),  # a proxy's own request
        (LOAD_BALANCER, "192.0.2.1, 198.51.100.66", "198.51.100.66", "198.51.100.66"),
        (LOAD_BALANCER, f"198.51.100.66,{CDN_EDGE} ,  {LOAD_BALANCER}", "198.51.100.66", "198.51.100.66"),
        (LOAD_BALANCER, f"{CDN_EDGE}, 10.0.0.9", CDN_EDGE, CDN_EDGE),  # only proxies: the leftmost
        (LOAD_BALANCER, f"198.51.100.66, not-an-address, {CDN_EDGE}", CDN_EDGE, CDN_EDGE),  # the walk stops
        (LOAD_BALANCER, "198.51.100.66:4711", "198.51.100.66", "198.51.100.66"),  # with a port: still the client
        (LOAD_BALANCER, "198.51.100.66,", LOAD_BALANCER, LOAD_BALANCER),  # an empty entry is malformed too
        (LOAD_BALANCER, "2001:db8:1:2::17", "2001:db8:1:2::17", "2001:db8:1:2::"),  # IPv6: its /64
        (LOAD_BALANCER, "::ffff:198.51.100.66", "198.51.100.66", "198.51.100.66"),  # IPv4-mapped is IPv4
        ("::ffff:198.51.100.66", None, "198.51.100.66", "198.51.100.66"),
        ("::ffff:10.0.0.2", "198.51.100.66", "198.51.100.66", "198.51.100.66"),  # a dual-stack socket's proxy
        ("2001:db8:ff::1", "198.51.100.66", "2001:db8:ff::1", "2001:db8:ff::"),  # not a proxy
        ("fe80::1%eth0", None, "fe80::1", "fe80::"),  # a zone index means nothing to anyone else
        ("", "198.51.100.66", "198.51.100.66", "198.51.100.66"),  # a Unix socket: a local proxy, as for gunicorn
        ("", None, None, None),
    ],
)
def test_client_address(remote, forwarded, client, counted_as):
    meta = {"REMOTE_ADDR": remote} | ({"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {})
    request = RequestFactory().get("/", **meta)
    assert (client_address(request), counted_address(request)) == (client, counted_as)


def test_trusted_proxies_may_be_addresses_and_networks_of_either_family(settings):
    settings.TRUSTED_PROXIES = ["192.0.2.7", "2001:db8:a::/48"]
    request = RequestFactory().get("/", REMOTE_ADDR="2001:db8:a:b::1", HTTP_X_FORWARDED_FOR="198.51.100.1, 192.0.2.7")
    assert client_address(request) == "198.51.100.1"
    settings.TRUSTED_PROXIES = []  # DJANGO_TRUSTED_PROXIES="" trusts nobody
    assert client_address(request) == "2001:db8:a:b::1"


def test_thirty_addresses_in_one_ipv6_64_are_one_address_to_the_throttle(staff, client):
    """One line hands out a /64: rotating through it does not dodge the per-address limit (nor the pair's)."""
    network = ipaddress.IPv6Network("2001:db8:1:2::/64")
    statuses = [
        sign_in(client, f"user{i}", "Summer2026!", remote=str(network[i * 7919 + 1])).status_code for i in range(30)
    ]
    assert statuses == [200] * (ADDRESS_LIMIT - 1) + [429] * (30 - ADDRESS_LIMIT + 1)
    assert sign_in(client, "mei", PASSWORD, remote=str(network[10**12])).status_code == 429
    assert counted() == {"2001:db8:1:2::"}
    assert sign_in(client, "mei", PASSWORD, remote="2001:db8:1:3::1").status_code == 302, "the next /64 is another"
    recorded = AuthEvent.objects.filter(kind=AuthEvent.Kind.SIGN_IN_FAILED).values_list("ip_address", flat=True)
    assert str(network[1]) in set(recorded), "the audit trail keeps each full address"


def test_rotating_ipv6_addresses_in_one_64_against_one_account_are_one_pair(staff, client):
    network = ipaddress.IPv6Network("2001:db8:1:2::/64")
    statuses = [sign_in(client, "mei", "guess", remote=str(network[i + 100])).status_code for i in range(PAIR_LIMIT)]
    assert statuses == [200] * (PAIR_LIMIT - 1) + [429]
    assert sign_in(client, "mei", PASSWORD, remote=str(network[99])).status_code == 429


def test_an_ipv6_client_behind_the_proxy_counts_by_its_64_too(staff, client):
    for i in range(PAIR_LIMIT):
        sign_in(client, "mei", "guess", remote=LOAD_BALANCER, forwarded=f"2001:db8:1:2::{i + 1:x}")
    assert sign_in(client, "mei", PASSWORD, remote=LOAD_BALANCER, forwarded="2001:db8:1:2::ff").status_code == 429
    assert counted() == {"2001:db8:1:2::"}


def test_allauths_rate_limits_see_the_same_client():
    from allauth.account.adapter import get_adapter

    request = RequestFactory().get("/", REMOTE_ADDR=LOAD_BALANCER, HTTP_X_FORWARDED_FOR="192.0.2.1, 198.51.100.66")
    assert get_adapter(request).get_client_ip(request) == "198.51.100.66"


# ---------------------------------------------------------------------------
# manage.py check --deploy


def warnings_for(monkeypatch, settings, trusted, **env):
    for name in ["DJANGO_PROXY_COUNT", "FORWARDED_ALLOW_IPS"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings.TRUSTED_PROXIES = trusted
    return sorted(warning.id for warning in checks.trusted_proxies(None))


def test_the_deploy_check_passes_the_default_and_a_proxy_network(monkeypatch, settings):
    assert warnings_for(monkeypatch, settings, ["127.0.0.1", "::1"]) == []
    assert warnings_for(monkeypatch, settings, ["10.0.0.0/8"], FORWARDED_ALLOW_IPS=" 10.0.0.0/8 ") == []


@pytest.mark.parametrize(
    ("trusted", "env", "expected"),
    [
        (["127.0.0.1"], {"DJANGO_PROXY_COUNT": "1"}, ["accounts.W001"]),
        (["127.0.0.1"], {"FORWARDED_ALLOW_IPS": "10.0.0.5"}, ["accounts.W002"]),
        (["*"], {}, ["accounts.W003"]),
        (["0.0.0.0/0"], {}, ["accounts.W003"]),
        (["10.0.0.2", "::/0"], {}, ["accounts.W003"]),
        (["10.0.0.1/8"], {}, ["accounts.W004"]),  # host bits set: gunicorn refuses it
        (["proxy.internal"], {}, ["accounts.W004"]),
    ],
)
def test_the_deploy_check_warns(monkeypatch, settings, trusted, env, expected):
    assert warnings_for(monkeypatch, settings, trusted, **env) == expected


@pytest.mark.long_running
def test_manage_py_check_deploy_shows_the_warnings():
    result = manage(
        "check",
        "--deploy",
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="kb.example.com",
        DJANGO_MFA_KEYS=base64.urlsafe_b64encode(bytes(32)).decode(),  # production settings require one
        DJANGO_PROXY_COUNT="1",
        FORWARDED_ALLOW_IPS="127.0.0.1",
        DJANGO_TRUSTED_PROXIES="*,10.0.0.1/8",
    )
    for warning in ["accounts.W001", "accounts.W002", "accounts.W003", "accounts.W004"]:
        assert warning in result.stderr + result.stdout, result.stderr


# ---------------------------------------------------------------------------
# gunicorn reads the same variable


def gunicorn_trusts(monkeypatch, **env):
    from gunicorn.config import Config

    for name in ["DJANGO_TRUSTED_PROXIES", "FORWARDED_ALLOW_IPS"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    conf = runpy.run_path(str(django_settings.BASE_DIR / "gunicorn.conf.py"))
    config = Config()
    config.set("forwarded_allow_ips", conf["forwarded_allow_ips"])  # gunicorn's own validation
    return config.forwarded_allow_ips


def test_gunicorn_trusts_DJANGO_TRUSTED_PROXIES_networks_included(monkeypatch, capsys):
    assert gunicorn_trusts(monkeypatch) == ["127.0.0.1", "::1"]
    assert gunicorn_trusts(monkeypatch, DJANGO_TRUSTED_PROXIES="10.0.0.0/16, 2001:db8::/32,") == [
        "10.0.0.0/16",
        "2001:db8::/32",
    ]
    assert gunicorn_trusts(monkeypatch, DJANGO_TRUSTED_PROXIES="") == []
    assert capsys.readouterr().err == ""
    assert gunicorn_trusts(monkeypatch, FORWARDED_ALLOW_IPS="*") == ["127.0.0.1", "::1"]
    assert "FORWARDED_ALLOW_IPS is ignored" in capsys.readouterr().err


def test_a_client_reaching_the_app_directly_cannot_claim_https_or_another_host(client, settings, db):
    """gunicorn passes X-Forwarded-Proto through from any peer; Django believed it (SECURE_PROXY_SSL_HEADER)."""
    settings.SECURE_SSL_REDIRECT = True
    forwarded = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_X_FORWARDED_HOST": "evil.example"}
    direct = client.get("/robots.txt", REMOTE_ADDR="198.51.100.7", **forwarded)
    assert direct.status_code == 301 and direct["Location"] == "https://testserver/robots.txt", "plain http"
    assert "HTTP_X_FORWARDED_HOST" not in direct.wsgi_request.META
    proxied = client.get("/robots.txt", REMOTE_ADDR="10.0.3.4", **forwarded)  # within this module's trusted 10.0/16
    assert proxied.status_code == 200 and proxied.wsgi_request.is_secure(), "from the trusted proxy, https holds"


def test_a_proxy_that_appends_a_port_still_names_the_client(rf):
    from accounts.throttle import client_address

    for forwarded, client in [("203.0.113.7:51234", "203.0.113.7"), ("[2001:db8::7]:443", "2001:db8::7")]:
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
        assert client_address(request) == client, forwarded
