#!/usr/bin/env bash
# Prints a JWK set (RFC 7517) of RSA public keys, the verification key set of every service during a key rotation:
#   infra/jwt/jwk-set.sh new/public.pem old/public.pem > public-keys.json      (then BAZAAR_JWT_PUBLIC_KEY -> that file)
# Each key's kid is its RFC 7638 SHA-256 thumbprint: the kid the user service writes into the tokens it signs with the
# matching private key, so no key id has to be configured anywhere. Needs bash and openssl only.
set -euo pipefail
(( $# > 0 )) || { echo "usage: $0 public.pem [public.pem ...]" >&2; exit 2; }

b64url() { base64 | tr -d '\n=' | tr '+/' '-_'; }
hex_to_b64url() { # big-endian hex digits (any case, odd length allowed) -> base64url of the bytes
    local hex=${1,,}
    (( ${#hex} % 2 )) && hex="0$hex"
    printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" | b64url
}

jwks='{"keys":['
separator=''
for pem in "$@"; do
    modulus=$(openssl rsa -pubin -in "$pem" -noout -modulus) || { echo "$pem is not an RSA public key" >&2; exit 1; }
    exponent=$(openssl rsa -pubin -in "$pem" -noout -text | sed -n 's/^Exponent: [0-9]* (0x\([0-9a-fA-F]*\))$/\1/p')
    n=$(hex_to_b64url "${modulus#Modulus=}")
    e=$(hex_to_b64url "$exponent")
    kid=$(printf '{"e":"%s","kty":"RSA","n":"%s"}' "$e" "$n" | openssl dgst -sha256 -binary | b64url)
    jwks+="$separator{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"$kid\",\"n\":\"$n\",\"e\":\"$e\"}"
    separator=','
done
printf '%s]}\n' "$jwks"
