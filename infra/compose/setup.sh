#!/usr/bin/env bash
# Prepares this checkout for `docker compose up`, once: writes .env from .env.example with a random value for every
# change-me, and the JWT key pair into infra/compose/keys/ (both git-ignored). Existing files are kept as they are.
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ ! -f .env ]]; then
    (
        umask 077
        while IFS= read -r line; do
            [[ $line == *=change-me ]] && line="${line%change-me}$(openssl rand -hex 16)"
            printf '%s\n' "$line"
        done <.env.example >.env
    )
    echo "wrote .env (random passwords; the shop's admin password is BAZAAR_ADMIN_PASSWORD)"
fi

keys=infra/compose/keys
if [[ ! -s $keys/private.pem ]]; then
    mkdir -p "$keys"
    chmod 700 "$keys"
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
    openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
    # Compose bind-mounts these files as secrets; the services run as uid 185 and must read them. The directory
    # (0700) keeps them from other users of this machine.
    chmod 644 "$keys/private.pem" "$keys/public.pem"
    echo "wrote the JWT key pair to $keys/"
fi
