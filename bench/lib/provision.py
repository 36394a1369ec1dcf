#!/usr/bin/env python3
"""Provisions Gatehouse and Keycloak for bench/run.sh through their public (and, for Keycloak, admin) REST APIs.

Python standard library only. Every sub-command prints or writes JSON; a Gatehouse feature that does not answer yet
(404 / unsupported_grant_type) is recorded as {"available": false, "reason": ...} instead of failing the run.

  provision.py keycloak  URL REALM ADMIN_USER ADMIN_PASSWORD  > kc.json
  provision.py gatehouse URL                                  > gh.json
  provision.py pool keycloak|gatehouse STATE_JSON COUNT OUT_FILE   (refresh tokens, one per line)
"""
import base64
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

def keycloak(url, realm, admin_user, admin_password):
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
        "clients": [
            {"clientId": "bench-client", "enabled": True, "publicClient": False,
             "clientAuthenticatorType": "client-secret", "secret": client_secret,
             "serviceAccountsEnabled": True, "directAccessGrantsEnabled": True, "standardFlowEnabled": True,
             "redirectUris": ["http://127.0.0.1/callback"], "protocol": "openid-connect",
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
        for name in ("refresh", "userinfo", "bearer_nodes", "api_key"):
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
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(jar))
    nxt = f"{url}/api/v1/authorize?" + urllib.parse.urlencode({"client_id": app["client_id"], "redirect_uri": redirect})
    method, form = "GET", None
    retry = None  # (url, form page, fields, untried alternatives) of the last form posted
    for _ in range(16):
        status, headers, text = call(method, nxt, form=form, opener=opener)
        if status == 400 and retry and retry[3]:
            # The pre-selected choice (e.g. an exposure profile that does not cover the app's request) was refused:
            # post the same form again with the next value of its radio buttons / selects.
            url_, page_, fields_, alternatives = retry
            name, value = alternatives.pop(0)
            fields_ = dict(fields_, **{name: value})
            retry = (url_, page_, fields_, alternatives)
            nxt, method, form = url_, "POST", fields_
            continue
        if status in (301, 302, 303, 307):
            location = urllib.parse.urljoin(nxt, headers["Location"])
            if location.startswith(redirect):
                query = urllib.parse.parse_qs(urllib.parse.urlparse(location).query)
                if "user_id" not in query:
                    return {"available": False, "reason": f"approval redirect without user_id: {location[:160]}"}
                state["api_key_user_id"] = query["user_id"][0]
                break
            nxt, method, form = location, "GET", None
            continue
        if status != 200:
            return {"available": False, "reason": f"{method} {urllib.parse.urlparse(nxt).path} -> {status} {text[:120]}"}
        parser = Forms()
        parser.feed(text)
        forms = [f for f in parser.forms if f["method"] == "post"]
        if not forms:
            return {"available": False, "reason": f"no form on {urllib.parse.urlparse(nxt).path}"}
        page = forms[0]
        fields = dict(page["fields"])
        if "password" in fields:
            fields["username"], fields["password"] = state["username"], state["password"]
        for name, value in page["buttons"]:
            if value.lower() in ("approve", "allow", "authorize"):
                fields[name] = value
                break
        target = urllib.parse.urljoin(nxt, page["action"] or nxt)
        alternatives = [(name, v) for name, values in page["choices"].items() for v in values if v != fields.get(name)]
        retry = (target, page, fields, alternatives)
        nxt, method, form = target, "POST", fields
    else:
        return {"available": False, "reason": "authorize flow did not reach the redirect URI"}
    status, _, text = call("GET", f"{url}/api/v1/nodes?limit=20",
                           headers={"X-API-Key": state["api_key"], "X-User-ID": state["api_key_user_id"]})
    if status != 200:
        return {"available": False, "reason": f"GET /api/v1/nodes with X-API-Key -> {status} {text[:120]}"}
    return {"available": True}


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
        print(json.dumps(keycloak(*argv[1:5]), indent=1))
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
