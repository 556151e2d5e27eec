#!/usr/bin/env python3
"""Configure a running Latchkey as the OP under test of the OpenID Foundation conformance suite (static clients).

Through the management API it creates one environment with:
  - three confidential WEB_APP clients (client, client2: client_secret_basic; client_secret_post), each allowed the
    authorization code, implicit and refresh token grants and every response type, unsigned request objects
    (the suite sends some) and the suite's post-logout redirect URI;
  - the OpenID Connect scopes granted to each;
  - one user with every standard claim the suite asks about;
then writes the suite's plan configuration (clients, user, and the browser steps for the hosted sign-on page).

usage: configure.py --direct http://127.0.0.1:18090 --public https://127.0.0.1:9443 \
                    --admin-env ID --admin-id ID --admin-secret SECRET --out latchkey-static.json
       [--suite https://127.0.0.1:8443] [--alias latchkey]
Python standard library only.
"""
import argparse
import base64
import json
import urllib.error
import urllib.parse
import urllib.request

USERNAME = "suite-user"
PASSWORD = "Conformance-Suite-2026!"
SCOPES = ["openid", "profile", "email", "address", "phone", "offline_access"]


class Latchkey:
    def __init__(self, direct, admin_env, admin_id, admin_secret):
        self.direct = direct.rstrip("/")
        basic = base64.b64encode(f"{admin_id}:{admin_secret}".encode()).decode()
        token = self._call("POST", f"/{admin_env}/as/token", b"grant_type=client_credentials",
                           {"Authorization": "Basic " + basic, "Content-Type": "application/x-www-form-urlencoded"})
        self.auth = {"Authorization": "Bearer " + token["access_token"]}

    def _call(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.direct + path, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                text = resp.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            raise SystemExit(f"{method} {path} -> {e.code}: {e.read().decode()}")

    def api(self, method, path, body=None, content_type="application/json"):
        data = json.dumps(body).encode() if body is not None else None
        return self._call(method, "/v1" + path, data, {**self.auth, "Content-Type": content_type})


def main():
    a = argparse.ArgumentParser()
    for name in ("direct", "public", "admin-env", "admin-id", "admin-secret", "out"):
        a.add_argument("--" + name, required=True)
    a.add_argument("--suite", default="https://127.0.0.1:8443")
    a.add_argument("--alias", default="latchkey")
    args = a.parse_args()
    lk = Latchkey(args.direct, args.admin_env, args.admin_id, args.admin_secret)
    callback = f"{args.suite}/test/a/{args.alias}/callback"
    logout_callback = f"{args.suite}/test/a/{args.alias}/post_logout_redirect"

    env = lk.api("POST", "/environments", {"name": "OIDF conformance", "type": "SANDBOX", "region": "NA"})["id"]
    e = f"/environments/{env}"
    openid = next(r for r in lk.api("GET", f"{e}/resources")["_embedded"]["resources"] if r["type"] == "OPENID_CONNECT")
    scopes = [{"id": s["id"]} for s in lk.api("GET", f"{e}/resources/{openid['id']}/scopes")["_embedded"]["scopes"]
              if s["name"] in SCOPES]

    def client(name, method):
        app = lk.api("POST", f"{e}/applications", {
            "enabled": True, "name": name, "type": "WEB_APP", "protocol": "OPENID_CONNECT",
            "grantTypes": ["AUTHORIZATION_CODE", "IMPLICIT", "REFRESH_TOKEN"],
            "responseTypes": ["CODE", "TOKEN", "ID_TOKEN"],
            "redirectUris": [callback], "postLogoutRedirectUris": [logout_callback],
            "tokenEndpointAuthMethod": method, "supportUnsignedRequestObject": True})
        lk.api("POST", f"{e}/applications/{app['id']}/grants", {"resource": {"id": openid["id"]}, "scopes": scopes})
        secret = lk.api("GET", f"{e}/applications/{app['id']}/secret")["secret"]
        return {"client_id": app["id"], "client_secret": secret}

    clients = {"client": client("suite client", "CLIENT_SECRET_BASIC"),
               "client2": client("suite client 2", "CLIENT_SECRET_BASIC"),
               "client_secret_post": client("suite client (post)", "CLIENT_SECRET_POST")}

    # An import (PingOne's user.import content type) is the one way to set emailVerified.
    lk.api("POST", f"{e}/users", {
        "username": USERNAME, "email": "suite.user@example.com", "emailVerified": True,
        "name": {"given": "Ada", "middle": "Augusta", "family": "Lovelace", "formatted": "Ada Augusta Lovelace"},
        "nickname": "ada", "locale": "en-GB", "timezone": "Europe/London", "primaryPhone": "+44 20 7946 0958",
        "photo": {"href": "https://example.com/ada.png"},
        "address": {"streetAddress": "12 St James Square", "locality": "London", "region": "Greater London",
                    "postalCode": "SW1Y 4JH", "countryCode": "GB"},
        "password": {"value": PASSWORD, "forceChange": False}}, "application/vnd.pingidentity.user.import+json")

    issuer = f"{args.public.rstrip('/')}/{env}/as"
    authorize = f"{args.public.rstrip('/')}/{env}/as/authorize*"
    signon_page = f"{args.public.rstrip('/')}/{env}/signon/*"

    def sign_on(screenshot=None):
        commands = [["wait", "xpath", "//h1", 10, "Sign on", screenshot]] if screenshot else []
        commands += [["text", "id", "username", USERNAME], ["text", "id", "password", PASSWORD],
                     ["click", "css", "form[data-content-type$='usernamePassword.check+json'] button[type=submit]"]]
        return [{"match": authorize, "tasks": [
            {"task": "Sign on", "optional": True, "match": signon_page, "commands": commands},
            {"task": "Back at the client", "match": "*/test/*/callback*",
             "commands": [["wait", "id", "submission_complete", 10]]}]}]

    signoff = f"{args.public.rstrip('/')}/{env}/as/signoff*"
    back_after_signoff = {"match": signoff, "tasks": [{"task": "Back at the client", "match": "*/test/*/post*"}]}

    def signoff_page(text):  # a refused signoff (error page) or one without a redirect (signed-off page)
        return sign_on() + [{"match": signoff, "tasks": [{"task": "Signoff page", "match": signoff, "commands": [
            ["wait", "xpath", "//*", 10, text, "update-image-placeholder"]]}]}]

    def error_page(text):  # an unknown client or redirect URI gets Latchkey's error page, never a redirect
        return [{"match": authorize, "tasks": [{"task": "Error page", "match": authorize,
                                               "commands": [["wait", "xpath", "//*", 10, text, "update-image-placeholder"]]}]}]

    unregistered = "redirect_uri is missing or is not registered"
    config = dict(alias=args.alias, description="Latchkey (static clients)",
                  server={"discoveryUrl": issuer + "/.well-known/openid-configuration"},
                  browser=sign_on() + [back_after_signoff],
                  override={
                      "oidcc-prompt-login": {"browser": sign_on("update-image-placeholder-optional")},
                      "oidcc-max-age-1": {"browser": sign_on("update-image-placeholder-optional")},
                      **{m: {"browser": error_page(unregistered)} for m in (
                          "oidcc-ensure-registered-redirect-uri", "oidcc-ensure-redirect-uri-in-authorization-request",
                          "oidcc-redirect-uri-query-added", "oidcc-redirect-uri-query-mismatch")},
                      **{m: {"browser": signoff_page("invalid_request")} for m in (
                          "oidcc-rp-initiated-logout-bad-post-logout-redirect-uri",
                          "oidcc-rp-initiated-logout-query-added-to-post-logout-redirect-uri",
                          "oidcc-rp-initiated-logout-modified-id-token-hint", "oidcc-rp-initiated-logout-bad-id-token-hint",
                          "oidcc-rp-initiated-logout-no-id-token-hint")},
                      **{m: {"browser": signoff_page("You are signed off.")} for m in (
                          "oidcc-rp-initiated-logout-no-params", "oidcc-rp-initiated-logout-no-post-logout-redirect-uri",
                          "oidcc-rp-initiated-logout-only-state")},
                  }, **clients)
    with open(args.out, "w") as f:
        json.dump(config, f, indent=1)
    print(f"environment {env}; issuer {issuer}; wrote {args.out}")


if __name__ == "__main__":
    main()
