#!/usr/bin/env bash
# The certificate authority of docker compose's Dapr Sentry, made once with openssl: a root
# certificate and an issuer (intermediate) certificate and key, as Dapr's "bring your own
# certificates" asks (ECDSA P-256; the issuer a CA of path length 0). Sentry signs every sidecar's
# SPIFFE identity with the issuer; each daprd trusts the root, given in DAPR_TRUST_ANCHORS before it
# starts, which is why they are made here and not by Sentry on its first start.
#   sentry-credentials.sh [DIR]   make them in DIR (default .compose/sentry) unless there; print DIR
set -euo pipefail
dir=${1:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/.compose/sentry"}
if [ -s "$dir/ca.crt" ] && [ -s "$dir/issuer.crt" ] && [ -s "$dir/issuer.key" ]; then echo "$dir"; exit 0; fi
command -v openssl >/dev/null || { echo "sentry-credentials.sh needs openssl" >&2; exit 1; }
mkdir -p "$dir"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

new_key() { openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$1"; }

new_key "$work/ca.key"
openssl req -x509 -new -key "$work/ca.key" -subj "/O=Pasar/CN=cluster.local" -days 3650 -sha256 -out "$work/ca.crt" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

new_key "$work/issuer.key"
openssl req -new -key "$work/issuer.key" -subj "/O=Pasar/CN=cluster.local" -out "$work/issuer.csr" 2>/dev/null
printf '%s\n' "basicConstraints=critical,CA:TRUE,pathlen:0" "keyUsage=critical,digitalSignature,keyCertSign,cRLSign" >"$work/issuer.ext"
openssl x509 -req -in "$work/issuer.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 365 -sha256 \
  -extfile "$work/issuer.ext" -out "$work/issuer.crt" 2>/dev/null

# The root's key is not kept: nothing signs with it again until the issuer is renewed, by making all three anew.
cp "$work/ca.crt" "$work/issuer.crt" "$work/issuer.key" "$dir/"
chmod 644 "$dir/ca.crt" "$dir/issuer.crt" "$dir/issuer.key"  # Sentry runs as a non-root user in its container
echo "$dir"
