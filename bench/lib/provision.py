#!/usr/bin/env python3
"""Provisions Gatehouse and Keycloak for bench/run.sh through their public (and, for Keycloak, admin) REST APIs.

Python standard library only. Every sub-command prints or writes JSON; a Gatehouse feature that does not answer yet
(404 / unsupported_grant_type) is recorded as {"available": false, "reason": ...} instead of failing the run.

  provision.py keycloak  URL REALM ADMIN_USER ADMIN_PASSWORD [CODE_LIFETIME_S]  > kc.json
  provision.py gatehouse URL                                  > gh.json
  provision.py pool keycloak|gatehouse STATE_JSON COUNT OUT_FILE   (refresh tokens, one per line)
"""
import base64
import hashlib
import http.cookiejar
import json
import re
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser


# authorization_code scenario: one redirect URI and one fixed PKCE pair (RFC 7636 §4.1: 43-128 unreserved characters,
# S256) for every code on both systems, so each redemption carries the same code_verifier.
CODE_REDIRECT_URI = "http://127.0.0.1/callback"
PKCE_VERIFIER = "gatehouse-bench-fixed-pkce-verifier-0123456789abcdefghijklmnopqrstuvwxyz"
PKCE_CHALLENGE = base64.urlsafe_b64encode(hashlib.sha256(PKCE_VERIFIER.encode()).digest()).decode().rstrip("=")
# Both systems' codes live 60 s by default; the bench raises both to this (RFC 6749 §4.1.2's maximum) so that codes
# minted before a run are still valid when wrk reaches them.
CODE_LIFETIME_S = 600
# Login sessions (of the one bench user) the codes are spread over.
CODE_SESSIONS = 16


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


def call(method, url, body=None, headers=None, form=None, opener=None, timeout=60):
    """One HTTP exchange; returns (status, headers, text). Never raises on an HTTP status."""
    headers = dict(headers or {})
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers.setdefault("Content-Type", "application/x-www-form-urlencoded")
    elif body is not None:
        data = json.dumps(body).encode()
        headers.setdefault("Content-Type", "application/json")
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    opener = opener or urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(req, timeout=timeout) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")


def basic(client_id, secret):
    # RFC 6749 §2.3.1: id and secret are form-urlencoded before Basic encoding.
    raw = urllib.parse.quote(client_id, safe="") + ":" + urllib.parse.quote(secret, safe="")
    return "Basic " + base64.b64encode(raw.encode()).decode()


def as_json(text):
    try:
        return json.loads(text)
    except ValueError:
        return {}


def missing(status, text):
    """True when an endpoint is not implemented yet (404 or unsupported_grant_type)."""
    return status in (404, 405, 501) or as_json(text).get("error") == "unsupported_grant_type"


# ---------------------------------------------------------------- Keycloak

def keycloak(url, realm, admin_user, admin_password, code_lifetime_s=CODE_LIFETIME_S):
    status, _, text = call("POST", f"{url}/realms/master/protocol/openid-connect/token",
                           form={"grant_type": "password", "client_id": "admin-cli",
                                 "username": admin_user, "password": admin_password})
    if status != 200:
        sys.exit(f"keycloak admin login failed: {status} {text[:300]}")
    admin = {"Authorization": "Bearer " + json.loads(text)["access_token"]}
    client_secret = secrets.token_urlsafe(32)
    rs_secret = secrets.token_urlsafe(32)
    password = secrets.token_urlsafe(16)
    representation = {
        "realm": realm, "enabled": True,
        # Tokens must outlive a full run (default 5 min); refresh tokens rotate and a reused one is refused,
        # as Gatehouse's are (revokeRefreshToken + max reuse 0).
        "accessTokenLifespan": 7200, "ssoSessionIdleTimeout": 36000, "ssoSessionMaxLifespan": 72000,
        "revokeRefreshToken": True, "refreshTokenMaxReuse": 0,
        # Authorization codes (default 60 s): as long as Gatehouse's in the bench (AUTHORIZATION_CODE_LIFETIME).
        "accessCodeLifespan": int(code_lifetime_s),
        "clients": [
            {"clientId": "bench-client", "enabled": True, "publicClient": False,
             "clientAuthenticatorType": "client-secret", "secret": client_secret,
             "serviceAccountsEnabled": True, "directAccessGrantsEnabled": True, "standardFlowEnabled": True,
             "redirectUris": [CODE_REDIRECT_URI], "protocol": "openid-connect",
             # Keycloak 26 answers {"active": false} to a client that is not in the token's audience.
             "protocolMappers": [audience("bench-client"), audience("bench-rs")]},
            # A resource server that introspects tokens (any confidential client may call introspection).
            {"clientId": "bench-rs", "enabled": True, "publicClient": False,
             "clientAuthenticatorType": "client-secret", "secret": rs_secret,
             "serviceAccountsEnabled": True, "standardFlowEnabled": False, "protocol": "openid-connect"},
        ],
        "users": [
            {"username": "bench-user", "enabled": True, "email": "bench-user@example.org", "emailVerified": True,
             "firstName": "Bench", "lastName": "User",
             "credentials": [{"type": "password", "value": password, "temporary": False}]},
        ],
    }
    call("DELETE", f"{url}/admin/realms/{realm}", headers=admin)  # a re-run starts from a clean realm
    status, _, text = call("POST", f"{url}/admin/realms", body=representation, headers=admin)
    if status != 201:
        sys.exit(f"keycloak realm creation failed: {status} {text[:300]}")
    base = f"{url}/realms/{realm}/protocol/openid-connect"
    state = {"url": url, "realm": realm, "token_endpoint": f"{base}/token",
             "introspection_endpoint": f"{base}/token/introspect", "userinfo_endpoint": f"{base}/userinfo",
             "client_id": "bench-client", "client_secret": client_secret, "authorization": basic("bench-client", client_secret),
             "rs_client_id": "bench-rs", "rs_secret": rs_secret, "rs_authorization": basic("bench-rs", rs_secret),
             "username": "bench-user", "password": password}
    # An app token (client_credentials) and a user token (password grant), both with openid for userinfo.
    status, _, text = call("POST", state["token_endpoint"], form={"grant_type": "client_credentials", "scope": "openid"},
                           headers={"Authorization": state["authorization"]})
    if status != 200:
        sys.exit(f"keycloak client_credentials failed: {status} {text[:300]}")
    state["app_token"] = json.loads(text)["access_token"]
    state["user_token"] = keycloak_password_grant(state)["access_token"]
    for what, token in (("app", state["app_token"]), ("user", state["user_token"])):
        status, _, text = call("GET", state["userinfo_endpoint"], headers={"Authorization": "Bearer " + token})
        if status != 200:
            sys.exit(f"keycloak userinfo with the {what} token failed: {status} {text[:300]}")
    status, _, text = call("POST", state["introspection_endpoint"], form={"token": state["app_token"]},
                           headers={"Authorization": state["authorization"]})
    if status != 200 or not as_json(text).get("active"):
        sys.exit(f"keycloak introspection failed: {status} {text[:300]}")
    try:
        state["code_flow"] = code_flow(
            state, f"{base}/auth", {"client_id": "bench-client"}, cookie_filter=lambda name: name.startswith("KEYCLOAK_"))
    except Exception as e:
        state["code_flow"] = {"available": False, "reason": f"authorization-code set-up failed: {e}"}
    return state


def audience(client_id):
    return {"name": "audience-" + client_id, "protocol": "openid-connect", "protocolMapper": "oidc-audience-mapper",
            "config": {"included.client.audience": client_id, "access.token.claim": "true",
                       "id.token.claim": "false", "introspection.token.claim": "true"}}


def keycloak_password_grant(state):
    status, _, text = call("POST", state["token_endpoint"],
                           form={"grant_type": "password", "username": state["username"],
                                 "password": state["password"], "scope": "openid"},
                           headers={"Authorization": state["authorization"]})
    if status != 200:
        raise RuntimeError(f"keycloak password grant failed: {status} {text[:300]}")
    return json.loads(text)


# ---------------------------------------------------------------- Gatehouse

def gatehouse(url):
    state = {"url": url, "features": {}}
    f = state["features"]
    status, _, text = call("POST", f"{url}/api/v1/apps",
                           body={"client_name": "gatehouse-bench", "redirect_uris": "urn:ietf:wg:oauth:2.0:oob",
                                 "scopes": "read write"})
    if status != 200:
        sys.exit(f"gatehouse POST /api/v1/apps failed: {status} {text[:300]}")
    app = json.loads(text)
    state.update(client_id=app["client_id"], client_secret=app["client_secret"],
                 authorization=basic(app["client_id"], app["client_secret"]))
    status, _, text = call("POST", f"{url}/oauth/token", form={"grant_type": "client_credentials"},
                           headers={"Authorization": state["authorization"]})
    if status != 200:
        sys.exit(f"gatehouse client_credentials failed: {status} {text[:300]}")
    state["app_token"] = json.loads(text)["access_token"]
    f["client_credentials"] = {"available": True}

    # Bearer GET with an app token: registration-service's Mastodon verify_credentials.
    status, _, text = call("GET", f"{url}/api/v1/apps/verify_credentials",
                           headers={"Authorization": "Bearer " + state["app_token"]})
    f["app_bearer"] = ({"available": True} if status == 200 else
                       {"available": False, "reason": f"GET /api/v1/apps/verify_credentials -> {status}"})

    # Introspection (RFC 7662): a client may introspect the tokens issued to it.
    status, _, text = call("POST", f"{url}/oauth/introspect", form={"token": state["app_token"]},
                           headers={"Authorization": state["authorization"]})
    if status == 200 and as_json(text).get("active"):
        f["introspect"] = {"available": True}
    else:
        f["introspect"] = {"available": False, "reason": f"POST /oauth/introspect -> {status} {text[:120]}"}

    # Users: POST /register {user_id, user_secret} -> {user_key}; POST /authenticate -> tokens.
    username = "bench-" + secrets.token_hex(4)
    password = secrets.token_urlsafe(18)
    state.update(username=username, password=password)
    status, _, text = call("POST", f"{url}/register", body={"user_id": username, "user_secret": password})
    user_reason = None
    if status in (200, 201):
        state["user_key"] = as_json(text).get("user_key", username)
        status, _, text = call("POST", f"{url}/authenticate",
                               body={"user_key": state["user_key"], "user_secret": password})
        if status == 200 and as_json(text).get("access_token"):
            tokens = json.loads(text)
            state["user_token"] = tokens["access_token"]
            state["refresh_seed"] = tokens.get("refresh_token")
        else:
            user_reason = f"POST /authenticate -> {status} {text[:120]}"
    else:
        user_reason = f"POST /register -> {status} {text[:120]}"
    if user_reason:
        for name in ("refresh", "userinfo", "bearer_nodes", "api_key", "authorization_code"):
            f[name] = {"available": False, "reason": user_reason}
        return state

    # Refresh rotation through /refresh {refresh_token} -> {access_token, refresh_token}.
    if state.get("refresh_seed"):
        status, _, text = call("POST", f"{url}/refresh", body={"refresh_token": state["refresh_seed"]})
        body = as_json(text)
        if status == 200 and body.get("refresh_token"):
            f["refresh"] = {"available": True}
        elif status == 200:
            f["refresh"] = {"available": False, "reason": "POST /refresh answers without a rotated refresh_token"}
        else:
            f["refresh"] = {"available": False, "reason": f"POST /refresh -> {status} {text[:120]}"}
    else:
        f["refresh"] = {"available": False, "reason": "POST /authenticate returned no refresh_token"}

    auth = {"Authorization": "Bearer " + state["user_token"]}
    status, _, text = call("GET", f"{url}/oauth/userinfo", headers=auth)
    f["userinfo"] = ({"available": True} if status == 200 else
                     {"available": False, "reason": f"GET /oauth/userinfo -> {status} {text[:120]}"})
    # A few nodes so that GET /api/v1/nodes returns a realistic page.
    for i in range(5):
        call("POST", f"{url}/api/v1/nodes", headers=auth,
             body={"type": "note", "title": f"bench node {i}", "content": "x" * 200, "tags": ["bench"]})
    status, _, text = call("GET", f"{url}/api/v1/nodes?limit=20", headers=auth)
    f["bearer_nodes"] = ({"available": True} if status == 200 else
                         {"available": False, "reason": f"GET /api/v1/nodes -> {status} {text[:120]}"})
    try:
        f["api_key"] = third_party_app(url, state)
    except Exception as e:  # the pages are still being built: any failure means "not yet"
        f["api_key"] = {"available": False, "reason": f"third-party app set-up failed: {e}"}
    try:
        state["code_flow"] = gatehouse_code_flow(url, state)
    except Exception as e:
        state["code_flow"] = {"available": False, "reason": f"authorization-code set-up failed: {e}"}
    f["authorization_code"] = {k: v for k, v in state["code_flow"].items() if k in ("available", "reason")}
    return state


class Forms(HTMLParser):
    """Collects every <form> with its inputs, selects and buttons (enough for the login/consent pages)."""

    def __init__(self):
        super().__init__()
        self.forms, self.select = [], None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "method": a.get("method", "get").lower(),
                               "fields": {}, "buttons": [], "choices": {}})
        elif not self.forms:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind == "radio":
                self.forms[-1]["choices"].setdefault(a["name"], []).append(a.get("value", "on"))
            if kind in ("radio", "checkbox"):
                if "checked" in a or a["name"] not in self.forms[-1]["fields"]:
                    self.forms[-1]["fields"][a["name"]] = a.get("value", "on")
            elif kind == "submit":
                self.forms[-1]["buttons"].append((a["name"], a.get("value", "")))
            else:
                self.forms[-1]["fields"][a["name"]] = a.get("value", "")
        elif tag == "button" and a.get("name"):
            self.forms[-1]["buttons"].append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select = a["name"]
        elif tag == "option" and self.select:
            self.forms[-1]["choices"].setdefault(self.select, []).append(a.get("value", ""))
            fields = self.forms[-1]["fields"]
            if "selected" in a or self.select not in fields:
                fields[self.select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def third_party_app(url, state):
    """Registers a tp_ app with an API key, and has the user approve it through the pages (flow 5)."""
    auth = {"Authorization": "Bearer " + state["user_token"]}
    redirect = "http://127.0.0.1:9/callback"
    status, _, text = call("POST", f"{url}/api/v1/developer/apps", headers=auth,
                           body={"name": "bench-tp", "redirect_uris": [redirect], "requested_permissions": ["read:nodes"]})
    if status not in (200, 201):
        return {"available": False, "reason": f"POST /api/v1/developer/apps -> {status} {text[:120]}"}
    app = json.loads(text)
    state["tp_client_id"], state["api_key"] = app["client_id"], app["api_key"]
    opener, _ = browser()
    start = f"{url}/api/v1/authorize?" + urllib.parse.urlencode({"client_id": app["client_id"], "redirect_uri": redirect})
    location, reason = walk_pages(opener, start, redirect, state["username"], state["password"])
    if location is None:
        return {"available": False, "reason": reason}
    query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
    if "user_id" not in query:
        return {"available": False, "reason": f"approval redirect without user_id: {location[:160]}"}
    state["api_key_user_id"] = query["user_id"][0]
    status, _, text = call("GET", f"{url}/api/v1/nodes?limit=20",
                           headers={"X-API-Key": state["api_key"], "X-User-ID": state["api_key_user_id"]})
    if status != 200:
        return {"available": False, "reason": f"GET /api/v1/nodes with X-API-Key -> {status} {text[:120]}"}
    return {"available": True}


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Sends Secure cookies over plain HTTP too: both systems run on loopback here, which browsers treat as a secure
    context (Keycloak marks its SSO cookies Secure)."""

    def return_ok_secure(self, cookie, request):
        return True


def browser():
    """An opener that keeps cookies and does not follow redirects (each hop is looked at); and its cookie jar."""
    jar = http.cookiejar.CookieJar(policy=LoopbackCookiePolicy())
    return urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar)), jar


def walk_pages(opener, start, redirect, username, password):
    """Plays a user through login and consent pages from `start` until a redirect to `redirect`: fills the login form,
    presses Approve/Allow, and when a choice is refused (400) posts the form again with the next choice.
    Returns (the final Location, None) or (None, why it stopped)."""
    nxt, method, form = start, "GET", None
    retry = None  # (url, fields, untried alternatives) of the last form posted
    for _ in range(16):
        status, headers, text = call(method, nxt, form=form, opener=opener)
        if status == 400 and retry and retry[2]:
            # The pre-selected choice (e.g. an exposure profile that does not cover the app's request) was refused:
            # post the same form again with the next value of its radio buttons / selects.
            url_, fields_, alternatives = retry
            name, value = alternatives.pop(0)
            fields_ = dict(fields_, **{name: value})
            retry = (url_, fields_, alternatives)
            nxt, method, form = url_, "POST", fields_
            continue
        if status in (301, 302, 303, 307):
            location = urllib.parse.urljoin(nxt, headers["Location"])
            if location.startswith(redirect):
                return location, None
            nxt, method, form = location, "GET", None
            continue
        if status != 200:
            return None, f"{method} {urllib.parse.urlparse(nxt).path} -> {status} {text[:120]}"
        parser = Forms()
        parser.feed(text)
        forms = [f for f in parser.forms if f["method"] == "post"]
        if not forms:
            return None, f"no form on {urllib.parse.urlparse(nxt).path}"
        page = forms[0]
        fields = dict(page["fields"])
        if "password" in fields:
            fields["username"], fields["password"] = username, password
        for name, value in page["buttons"]:
            if value.lower() in ("approve", "allow", "authorize"):
                fields[name] = value
                break
        target = urllib.parse.urljoin(nxt, page["action"] or nxt)
        alternatives = [(name, v) for name, values in page["choices"].items() for v in values if v != fields.get(name)]
        retry = (target, fields, alternatives)
        nxt, method, form = target, "POST", fields
    return None, "the pages did not reach the redirect URI"


# ---------------------------------------------------------------- authorization codes

def code_of(location):
    return (urllib.parse.parse_qs(urllib.parse.urlparse(location).query).get("code") or [None])[0]


def code_flow(state, authorize_endpoint, client_params, cookie_filter=lambda name: True, token_endpoint=None,
              authorization=None, sessions=CODE_SESSIONS):
    """Signs the user in through the login (and consent) pages, so that from then on the browser session alone makes
    the authorization endpoint answer 302 with a fresh code (remembered consent on Gatehouse, SSO with consent off on
    Keycloak): that is how bench.py mints codes with wrk before each run. Checks that a code redeems once
    (client_secret_basic, redirect_uri, PKCE code_verifier) and is refused the second time. Then signs in
    `sessions` - 1 more times, each in a browser of its own: the codes are minted round-robin over these sessions, as
    many users' codes would be, so that no session is redeemed against by dozens of connections at once."""
    token_endpoint = token_endpoint or state["token_endpoint"]
    authorization = authorization or state["authorization"]
    query = dict(client_params, response_type="code", redirect_uri=CODE_REDIRECT_URI, state="bench",
                 code_challenge=PKCE_CHALLENGE, code_challenge_method="S256")
    authorize_url = authorize_endpoint + "?" + urllib.parse.urlencode(query)
    opener, jar = browser()
    location, reason = walk_pages(opener, authorize_url, CODE_REDIRECT_URI, state["username"], state["password"])
    if location is None:
        return {"available": False, "reason": reason}
    redeem_form = {"grant_type": "authorization_code", "redirect_uri": CODE_REDIRECT_URI,
                   "code_verifier": PKCE_VERIFIER}

    def redeem(code):
        return call("POST", token_endpoint, form=dict(redeem_form, code=code), headers={"Authorization": authorization})

    first = code_of(location)
    status, _, text = redeem(first)
    if status != 200 or not as_json(text).get("access_token"):
        return {"available": False, "reason": f"redeeming a code -> {status} {text[:120]}"}
    refresh_issued = bool(as_json(text).get("refresh_token"))
    status, _, text = redeem(first)
    if status != 400 or as_json(text).get("error") != "invalid_grant":
        return {"available": False, "reason": f"redeeming a code twice -> {status} {text[:120]} (expected 400 invalid_grant)"}
    def cookie_of(jar):
        return "; ".join(f"{c.name}={c.value}" for c in jar if cookie_filter(c.name))

    cookie = cookie_of(jar)
    # From now on the session cookie alone must do: no page, a 302 with a code straight away.
    status, headers, text = call("GET", authorize_url, headers={"Cookie": cookie})
    location = (headers.get("Location") or "") if status in (302, 303) else ""
    if not location.startswith(CODE_REDIRECT_URI) or not code_of(location):
        return {"available": False, "reason": f"GET authorize with the session cookie -> {status} "
                                              f"{location[:120] or text[:120]} (expected a redirect with a code)"}
    status, _, text = redeem(code_of(location))
    if status != 200:
        return {"available": False, "reason": f"redeeming a code minted with the session cookie -> {status} {text[:120]}"}

    def sign_in(_):
        opener, jar = browser()
        location, reason = walk_pages(opener, authorize_url, CODE_REDIRECT_URI, state["username"], state["password"])
        if location is None:
            raise RuntimeError(f"signing in again: {reason}")
        return cookie_of(jar)

    with ThreadPoolExecutor(max_workers=2) as workers:  # password hashing dominates; two cores
        cookies = [cookie] + list(workers.map(sign_in, range(sessions - 1)))
    return {"available": True, "authorize_url": authorize_url, "cookies": cookies, "token_endpoint": token_endpoint,
            "authorization": authorization, "refresh_token_issued": refresh_issued,
            # wrk appends the code (as it appears in the redirect's query, i.e. already form-encoded).
            "body_prefix": urllib.parse.urlencode(redeem_form) + "&code="}


def gatehouse_code_flow(url, state):
    """A confidential app with a real redirect URI, approved once by the bench user through the pages."""
    status, _, text = call("POST", f"{url}/api/v1/apps",
                           body={"client_name": "gatehouse-bench-code", "redirect_uris": CODE_REDIRECT_URI,
                                 "scopes": "read write"})
    if status != 200:
        return {"available": False, "reason": f"POST /api/v1/apps -> {status} {text[:120]}"}
    app = json.loads(text)
    return code_flow(state, f"{url}/oauth/authorize", {"client_id": app["client_id"], "scope": "read"},
                     token_endpoint=f"{url}/oauth/token", authorization=basic(app["client_id"], app["client_secret"]))


# ---------------------------------------------------------------- refresh-token pools

def pool(kind, state, count):
    if kind == "keycloak":
        issue = lambda _: keycloak_password_grant(state)["refresh_token"]
    else:
        def issue(_):
            for attempt in range(3):
                status, _, text = call("POST", f"{state['url']}/authenticate",
                                       body={"user_key": state["user_key"], "user_secret": state["password"]})
                if status == 200:
                    return json.loads(text)["refresh_token"]
                print(f"[provision] gatehouse /authenticate answered {status}: {text[:160]}", file=sys.stderr)
                if status < 500:
                    break
            raise RuntimeError(f"gatehouse /authenticate failed: {status} {text[:200]}")
        # One at a time: two concurrent successful logins of one account make token-service answer 500
        # (OptimisticLockException deleting its token.login_throttle row), a bug this bench found.
        return [issue(i) for i in range(count)]
    # Two at a time: password hashing dominates and the machine has two cores.
    with ThreadPoolExecutor(max_workers=2) as workers:
        return list(workers.map(issue, range(count)))


def main(argv):
    if len(argv) >= 5 and argv[0] == "keycloak":
        print(json.dumps(keycloak(*argv[1:6]), indent=1))
    elif len(argv) >= 2 and argv[0] == "gatehouse":
        print(json.dumps(gatehouse(argv[1]), indent=1))
    elif len(argv) >= 5 and argv[0] == "pool":
        with open(argv[2]) as fh:
            state = json.load(fh)
        tokens = pool(argv[1], state, int(argv[3]))
        with open(argv[4], "a") as out:
            out.writelines(t + "\n" for t in tokens)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
