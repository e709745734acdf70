#!/bin/bash
# Prints the broker definitions (RabbitMQ's JSON import format) that follow from infra/topology.properties: the vhost,
# each service's event exchange and dead-letter exchange, one user per service with its password and least-privilege
# grants (infra/topology.sh's broker_grant), and, when BAZAAR_MQ_ADMIN_PASSWORD is set, an administrator.
# ./bazaar run imports them with rabbitmqctl; compose's broker loads them at start-up (render-definitions.sh).
#
#   definitions.sh [TOPOLOGY_FILE]   (default: ../topology.properties next to this script)
#
# Passwords come from the environment: BAZAAR_MQ_<SERVICE>_PASSWORD for each service (required). The vhost is
# BAZAAR_RABBITMQ_VHOST, or the topology's.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/../topology.sh"
load_topology "${1:-$here/../topology.properties}"

json() { # a JSON string
    local s=${1//\\/\\\\}
    s=${s//\"/\\\"}
    printf '"%s"' "$s"
}

password() {
    local var="BAZAAR_MQ_${1^^}_PASSWORD"
    [[ -n ${!var:-} ]] || { echo "$var is not set" >&2; exit 1; }
    json "${!var}"
}

vhost=$(json "${BAZAAR_RABBITMQ_VHOST:-$(topology vhost)}")
services=($(topology_services))
users=() permissions=() exchanges=()
if [[ -n ${BAZAAR_MQ_ADMIN_PASSWORD:-} ]]; then
    users+=("{\"name\": \"admin\", \"password\": $(password admin), \"tags\": [\"administrator\"]}")
    permissions+=("{\"user\": \"admin\", \"vhost\": $vhost, \"configure\": \".*\", \"write\": \".*\", \"read\": \".*\"}")
fi
for svc in "${services[@]}"; do
    read -r configure write read < <(broker_grant "$svc")
    users+=("{\"name\": $(json "bazaar-$svc"), \"password\": $(password "$svc"), \"tags\": []}")
    permissions+=("{\"user\": $(json "bazaar-$svc"), \"vhost\": $vhost, \"configure\": $(json "$configure"), \"write\": $(json "$write"), \"read\": $(json "$read")}")
done
for svc in "${services[@]}"; do
    exchanges+=("{\"name\": $(json "$svc.events"), \"vhost\": $vhost, \"type\": \"topic\", \"durable\": true, \"auto_delete\": false, \"internal\": false, \"arguments\": {}}")
done
for svc in "${services[@]}"; do
    exchanges+=("{\"name\": $(json "DLX.$svc"), \"vhost\": $vhost, \"type\": \"direct\", \"durable\": true, \"auto_delete\": false, \"internal\": false, \"arguments\": {}}")
done

list() { # list ITEM...: a JSON array, one item per line
    local first=1 item
    printf '['
    for item in "$@"; do
        ((first)) || printf ','
        printf '\n    %s' "$item"
        first=0
    done
    printf '\n  ]'
}

printf '{\n  "users": %s,\n  "vhosts": [{"name": %s}],\n  "permissions": %s,\n  "exchanges": %s,\n  "queues": [],\n  "bindings": []\n}\n' \
    "$(list "${users[@]}")" "$vhost" "$(list "${permissions[@]}")" "$(list "${exchanges[@]}")"
