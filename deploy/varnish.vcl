# Varnish in front of ecomkb (docs/operations.md): readers' pages from memory, purged by surrogate key.
#
# The app says what may be kept (Cache-Control: public, s-maxage=…) and names what each page shows in an `xkey`
# header (pagecache/headers.py); after every change it sends `PURGE /` with the keys it made stale in an
# `xkey-purge` header (pagecache/purges.py, DJANGO_PURGE_URLS). Nothing else is kept: a response without
# s-maxage, marked private or setting a cookie goes straight through, as does every request with a session.
#
# `make serve-cached` runs a copy of this file beside an ecomkb-backend.vcl of its own (deploy/serve_cached.py).
# Debian: apt-get install varnish varnish-modules (vmod xkey); run varnishd -f /path/to/deploy/varnish.vcl.
vcl 4.1;

import xkey;

include "ecomkb-backend.vcl";  # backend app { .host = …; .port = …; }: where gunicorn listens

# Who may purge: the app servers. Add their addresses when they run on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Only two schemes exist: any other X-Forwarded-Proto value would be a cache entry of its own (a way to fill
    # the cache with copies), so it is set to one of them.
    if (req.http.X-Forwarded-Proto && req.http.X-Forwarded-Proto != "https") {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        # A hard purge: after a change no reader gets the old page, not even once while it is fetched again.
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The staff area and signed-in people: never from the cache (the app marks these pages private anyway).
    if (req.url ~ "^/admin/" || req.url ~ "^/[a-z]{2}(-[a-z]+)?/accounts/" || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Every reader's page carries its language in its path (/en/, /zh-hant/, /zh-hans/): the browser's
    # language and cookies cannot change it, so they are not part of the cached copy.
    if (req.url ~ "^/[a-z]{2}(-[a-z]+)?/") {
        unset req.http.Accept-Language;
        unset req.http.Cookie;
        return (hash);
    }
    # Elsewhere (/, robots.txt, sitemaps) Varnish's built-in rules: requests with cookies go through.
}

sub vcl_hash {
    # A page rendered for https (HSTS, secure links) is not the one for plain http: the TLS proxy in front says
    # which it was (the app trusts it from DJANGO_TRUSTED_PROXIES). The built-in hash (URL, host) follows.
    if (req.http.X-Forwarded-Proto) {
        hash_data(req.http.X-Forwarded-Proto);
    }
}

sub vcl_backend_response {
    # Keep only what the app said a shared cache may keep; `stale-while-revalidate` becomes the grace.
    if (beresp.http.Cache-Control !~ "s-maxage" || beresp.http.Cache-Control ~ "private|no-store|no-cache"
        || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
