#!/usr/bin/env bash
# Creates the Secrets Bazaar needs in the namespace (default bazaar) with random passwords and a fresh JWT key pair.
# Secrets that exist already are left alone, so re-running never changes a password under a running system.
#   infra/k8s/secrets.sh [namespace]        (after the namespace exists: kubectl apply -k infra/k8s/overlays/<x>)
# Each bazaar-<service>-db Secret is read both by CloudNativePG (the role's password) and by the service; each
# bazaar-<service>-mq both by the messaging topology operator (the broker user) and by the service.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../topology.sh"
load_topology "$here/../topology.properties"
NS=${1:-bazaar}
ADMIN_EMAIL=${BAZAAR_ADMIN_EMAIL:-admin@bazaar.local}

exists() { kubectl -n "$NS" get secret "$1" >/dev/null 2>&1; }
apply() { kubectl -n "$NS" create secret "$@" --dry-run=client -o yaml | kubectl -n "$NS" apply -f -; }
random() { openssl rand -hex 24; }

for svc in $(topology_services); do
    exists "bazaar-$svc-db" || apply generic "bazaar-$svc-db" --type=kubernetes.io/basic-auth \
        --from-literal=username="bazaar_$svc" --from-literal=password="$(random)"
    exists "bazaar-$svc-mq" || apply generic "bazaar-$svc-mq" \
        --from-literal=username="bazaar-$svc" --from-literal=password="$(random)"
done
exists bazaar-user-admin || apply generic bazaar-user-admin \
    --from-literal=email="$ADMIN_EMAIL" --from-literal=password="$(random)"

if ! exists bazaar-jwt-signing; then
    keys=$(mktemp -d)
    trap 'rm -rf "$keys"' EXIT
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$keys/private.pem" 2>/dev/null
    openssl pkey -in "$keys/private.pem" -pubout -out "$keys/public.pem"
    apply generic bazaar-jwt-signing --from-file=private.pem="$keys/private.pem"
    apply generic bazaar-jwt-public --from-file=public.pem="$keys/public.pem"
fi
echo "Secrets ready in namespace $NS. Admin: $ADMIN_EMAIL, password: kubectl -n $NS get secret bazaar-user-admin -o jsonpath='{.data.password}' | base64 -d"
