# Reads infra/topology.properties for bash: sourced by ./bazaar and by the broker definitions renderer
# (infra/rabbitmq/definitions.sh), so both derive the same names and grants from the one topology file.
#
#   topology KEY          the value of KEY (fails if absent)
#   topology_services     the services, in start order
#   broker_grant SERVICE  "CONFIGURE WRITE READ": the regular expressions of SERVICE's broker permissions

declare -A TOPOLOGY=()

load_topology() { # load_topology FILE
    local key value
    while IFS='=' read -r key value || [[ -n $key ]]; do
        [[ -z $key || $key == \#* ]] && continue
        TOPOLOGY[$key]=$value
    done <"$1"
}

topology() {
    [[ -n ${TOPOLOGY[$1]+set} ]] || { echo "no '$1' in the topology file" >&2; return 1; }
    printf '%s\n' "${TOPOLOGY[$1]}"
}

topology_services() { topology services; }

# Its own exchanges, queues and dead-letter exchange DLX.<service>: configure, write and read. The event exchanges of
# the services it listens to: read only (binding its queues to them), so it can neither delete nor redeclare them, and
# it can dead-letter only into its own dead-letter queues.
broker_grant() {
    local svc=$1 own listened="" other
    own="$svc\\..*|DLX\\.$svc"
    for other in $(topology "$svc.listens"); do listened+="|$other\\.events"; done
    printf '^(%s)$ ^(%s)$ ^(%s%s)$\n' "$own" "$own" "$own" "$listened"
}
