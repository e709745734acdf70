# Provisioning for ./bazaar run, from the same files compose uses: the generated secrets and JWT key pair in .bazaar/,
# one database and role per service (infra/postgres/init-databases.sh) and the broker definitions
# (infra/rabbitmq/definitions.sh), both derived from infra/topology.properties. Sourced by ./bazaar.

secret() { # secret NAME: a random value generated once and kept in .bazaar/secrets/NAME
    local file="$STATE/secrets/$1"
    if [[ ! -s $file ]]; then
        mkdir -p "$STATE/secrets" && chmod 700 "$STATE/secrets"
        (umask 077; openssl rand -hex 16 > "$file")
    fi
    cat "$file"
}

ensure_keys() {
    local dir="$STATE/keys"
    if [[ ! -s $dir/private.pem ]]; then
        log "Generating the JWT signing key pair in $dir"
        mkdir -p "$dir" && chmod 700 "$dir"
        (umask 077; openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null)
        openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
    fi
}

provision_databases() { # one database and one login role per service, as compose's PostgreSQL creates them
    local svc passwords=()
    for svc in "${SERVICES[@]}"; do passwords+=("BAZAAR_DB_${svc^^}_PASSWORD=$(secret "db-$svc")"); done
    env "${passwords[@]}" BAZAAR_TOPOLOGY_DIR="$ROOT/infra" PGHOST="$DB_HOST" PGPORT="$DB_PORT" \
        POSTGRES_USER="$PG_ADMIN" bash "$ROOT/infra/postgres/init-databases.sh"
}

provision_broker() { # the vhost, exchanges, users and grants of the topology, as compose's broker loads them
    is_local "$MQ_HOST" || { log "Remote broker: vhost and users must exist already"; return; }
    local svc passwords=()
    for svc in "${SERVICES[@]}"; do passwords+=("BAZAAR_MQ_${svc^^}_PASSWORD=$(secret "mq-$svc")"); done
    env "${passwords[@]}" BAZAAR_RABBITMQ_VHOST="$VHOST" BAZAAR_MQ_ADMIN_PASSWORD= \
        bash "$ROOT/infra/rabbitmq/definitions.sh" "$ROOT/infra/topology.properties" | rabbitmqctl -q import_definitions >/dev/null
}
