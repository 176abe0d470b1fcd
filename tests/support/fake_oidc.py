"""A small OpenID Connect provider for the tests, on 127.0.0.1: discovery, authorize (no login
screen: it signs in whoever the test put in `next_claims`), token (authorization code with PKCE
S256 and client_secret_basic or _post), JWKS. ID tokens are RS256 JWTs signed with a key made at
start, carrying iss, sub, aud, exp, iat, nonce and the test's claims (e.g. `roles`)."""
from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _int_b64(number: int) -> str:
    return _b64(number.to_bytes((number.bit_length() + 7) // 8, "big"))


class FakeOidcProvider:
    """Start with `start()`, stop with `stop()`. `next_claims` and `token_seconds` set what the next
    sign-in gets; `issued` lists the claims of every ID token handed out."""

    def __init__(self, client_id: str = "voice-test", client_secret: str = "voice-test-secret") -> None:
        self.client_id, self.client_secret = client_id, client_secret
        self.next_claims: dict[str, Any] = {}
        self.token_seconds = 3600
        self.issued: list[dict[str, Any]] = []
        self._key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self._codes: dict[str, dict[str, Any]] = {}
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def start(self) -> "FakeOidcProvider":
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def metadata(self) -> dict[str, Any]:
        return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                "response_types_supported": ["code"], "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"], "scopes_supported": ["openid", "email", "profile"],
                "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"]}

    def jwks(self) -> dict[str, Any]:
        public = self._key.public_key().public_numbers()
        return {"keys": [{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "test",
                          "n": _int_b64(public.n), "e": _int_b64(public.e)}]}

    def id_token(self, claims: dict[str, Any], nonce: str | None) -> str:
        now = int(time.time())
        payload = {"iss": self.issuer, "aud": self.client_id, "iat": now, "exp": now + self.token_seconds,
                   "sub": claims.get("sub") or hashlib.sha256(json.dumps(claims, sort_keys=True).encode()).hexdigest()[:16]}
        payload.update(claims)
        if nonce:
            payload["nonce"] = nonce
        self.issued.append(payload)
        header = {"alg": "RS256", "typ": "JWT", "kid": "test"}
        signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(payload).encode())}"
        signature = self._key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{_b64(signature)}"

    def _authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, {}, b"unknown client or response type"
        code = secrets.token_urlsafe(16)
        self._codes[code] = {"claims": dict(self.next_claims), "nonce": query.get("nonce"),
                             "redirect_uri": query.get("redirect_uri"),
                             "challenge": query.get("code_challenge")}
        target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"
        return 302, {"Location": target}, b""

    def _token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, str], bytes]:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        grant = self._codes.pop(form.get("code", ""), None)
        if (client_id, client_secret) != (self.client_id, self.client_secret) or grant is None \
                or form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"Content-Type": "application/json"}, b'{"error": "invalid_grant"}'
        if grant["challenge"]:
            verifier = form.get("code_verifier", "")
            if _b64(hashlib.sha256(verifier.encode("ascii")).digest()) != grant["challenge"]:
                return 400, {"Content-Type": "application/json"}, b'{"error": "invalid_grant"}'
        body = {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                "expires_in": self.token_seconds, "id_token": self.id_token(grant["claims"], grant["nonce"])}
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                url = urlparse(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    self._send(200, {"Content-Type": "application/json"}, json.dumps(provider.metadata()).encode())
                elif url.path == "/jwks":
                    self._send(200, {"Content-Type": "application/json"}, json.dumps(provider.jwks()).encode())
                elif url.path == "/authorize":
                    self._send(*provider._authorize(query))
                else:
                    self._send(404, {}, b"not found")

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlparse(self.path).path == "/token":
                    self._send(*provider._token(form, self.headers.get("Authorization")))
                else:
                    self._send(404, {}, b"not found")

            def log_message(self, *args: Any) -> None:  # quiet in test output
                pass

        return Handler


def secrets_toml(provider: FakeOidcProvider, name: str, redirect_uri: str) -> str:
    """The Streamlit secrets.toml a deployment would write for this provider."""
    return (f'[auth]\nredirect_uri = "{redirect_uri}"\ncookie_secret = "{secrets.token_hex(32)}"\n\n'
            f'[auth.{name}]\nclient_id = "{provider.client_id}"\nclient_secret = "{provider.client_secret}"\n'
            f'server_metadata_url = "{provider.metadata_url}"\n')
