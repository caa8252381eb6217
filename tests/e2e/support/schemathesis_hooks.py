"""Schemathesis hooks for tests/e2e/api-properties.test.ts (loaded through SCHEMATHESIS_HOOKS)."""
import hashlib
import hmac
import os

import schemathesis

WEBHOOK_PATH = "/webhooks/provider"
SIGNATURE_HEADER = "x-provider-signature"


class ProviderSignature:
    """Signs the bytes actually sent, as the payment provider does, so a webhook gets past its signature check."""

    def __init__(self, secret: str) -> None:
        self.secret = secret.encode()

    def __call__(self, request):
        body = request.body or b""
        if isinstance(body, str):
            body = body.encode()
        request.headers[SIGNATURE_HEADER] = "sha256=" + hmac.new(self.secret, body, hashlib.sha256).hexdigest()
        return request


@schemathesis.hook
def before_call(context, case, kwargs):
    # A case without the header stays unsigned: that is the 401 the document promises.
    if case.operation.path == WEBHOOK_PATH and SIGNATURE_HEADER in (case.headers or {}):
        kwargs["auth"] = ProviderSignature(os.environ["PASAR_PROVIDER_WEBHOOK_SECRET"])
