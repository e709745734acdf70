#!/bin/bash
# Entrypoint wrapper of the rabbitmq image under compose: renders the broker definitions of infra/topology.properties
# (definitions.sh) with the passwords from the environment (.env) into /tmp (container-local, never the repository),
# where rabbitmq.conf's load_definitions finds them, then hands over to the image's own entrypoint. Fails at once if a
# password is missing.
set -euo pipefail
out=/tmp/bazaar-definitions.json
(
    umask 077
    bash "$(dirname "${BASH_SOURCE[0]}")/definitions.sh" >"$out.new"
    mv "$out.new" "$out"
)
if [ "$(id -u)" = 0 ]; then chown rabbitmq:rabbitmq "$out"; fi
exec docker-entrypoint.sh "$@"
