#!/bin/bash
# Entrypoint wrapper of the rabbitmq image under compose: fills ${BAZAAR_MQ_*_PASSWORD} placeholders of the committed
# definitions.json from the environment (.env) into /tmp (container-local, never the repository), then hands over to
# the image's own entrypoint. Fails at once if a password is missing.
set -euo pipefail
out=/tmp/bazaar-definitions.json
(
    umask 077
    perl -pe 's/\$\{(BAZAAR_[A-Z0-9_]+)\}/length($ENV{$1} \/\/ "") ? $ENV{$1} : die "$1 is not set (see .env.example)\n"/ge' \
        /etc/rabbitmq/bazaar/definitions.json >"$out"
)
if [ "$(id -u)" = 0 ]; then chown rabbitmq:rabbitmq "$out"; fi
exec docker-entrypoint.sh "$@"
