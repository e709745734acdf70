# ./bazaar run, stop and status: builds when sources changed, starts the packaged services and the gateway as processes
# (pid files and logs in .bazaar/), waits until they are ready, stops them. Sourced by ./bazaar.

needs_build() {
    local svc jar
    for svc in "${SERVICES[@]}"; do
        jar="$svc/target/quarkus-app/quarkus-run.jar"
        [[ -f $jar ]] || return 0
        [[ -n $(find pom.xml events-schema infra/pom.xml infra/src service-parent/pom.xml "$svc" -path '*/target' -prune -o -type f -newer "$jar" -print -quit) ]] && return 0
    done
    return 1
}

build() {
    if needs_build; then
        log "Building (./mvnw package, tests skipped; run ./bazaar test for those)"
        ./mvnw -B -q -DskipTests install
    fi
}

pid_of() { local f="$STATE/run/$1.pid"; [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }

start_service() {
    local svc=$1 port
    port=$(port_of "$svc")
    if pid_of "$svc" >/dev/null; then log "$svc already running"; return; fi
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && die "port $port for $svc is taken (set BAZAAR_${svc^^}_PORT)"
    mkdir -p "$STATE/run" "$STATE/logs"
    log "Starting $svc on $BIND_HOST:$port"
    # Secrets are read here, in the foreground: a command substitution inside the backgrounded command would run
    # concurrently with the next service's and could generate a secret twice.
    local db_password mq_password admin_password user_only=()
    db_password=$(secret "db-$svc")
    mq_password=$(secret "mq-$svc")
    if [[ $svc == user ]]; then
        # Only user signs tokens and creates the admin; the others verify tokens with the public key alone.
        admin_password=$(secret admin-password)
        user_only=(BAZAAR_JWT_PRIVATE_KEY="$STATE/keys/private.pem"
            BAZAAR_USER_ADMIN_EMAIL="${BAZAAR_ADMIN_EMAIL:-admin@bazaar.local}"
            BAZAAR_USER_ADMIN_PASSWORD="$admin_password")
    fi
    env QUARKUS_HTTP_HOST="$BIND_HOST" QUARKUS_HTTP_PORT="$port" \
        BAZAAR_DB_HOST="$DB_HOST" BAZAAR_DB_PORT="$DB_PORT" BAZAAR_DB_NAME="bazaar_$svc" \
        BAZAAR_DB_USER="bazaar_$svc" BAZAAR_DB_PASSWORD="$db_password" \
        BAZAAR_RABBITMQ_HOST="$MQ_HOST" BAZAAR_RABBITMQ_PORT="$MQ_PORT" BAZAAR_RABBITMQ_VHOST="$VHOST" \
        BAZAAR_RABBITMQ_USER="bazaar-$svc" BAZAAR_RABBITMQ_PASSWORD="$mq_password" \
        BAZAAR_JWT_PUBLIC_KEY="$STATE/keys/public.pem" "${user_only[@]}" \
        BAZAAR_TRACE_SAMPLING="${BAZAAR_TRACE_SAMPLING:-$([[ -n ${BAZAAR_OTLP_ENDPOINT:-} ]] && echo 0.1 || echo 0)}" \
        MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} nohup java ${BAZAAR_JAVA_OPTS:-$DEFAULT_JAVA_OPTS} -jar "$svc/target/quarkus-app/quarkus-run.jar" \
        >"$STATE/logs/$svc.log" 2>&1 &
    echo $! > "$STATE/run/$svc.pid"
}

wait_ready() {
    local svc=$1 port
    port=$(port_of "$svc")
    for _ in $(seq 1 90); do
        curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return
        pid_of "$svc" >/dev/null || { tail -n 40 "$STATE/logs/$svc.log" >&2; die "$svc exited during start-up"; }
        sleep 1
    done
    tail -n 40 "$STATE/logs/$svc.log" >&2
    die "$svc did not become ready on port $port"
}

render_template() { # render_template FILE VAR...: envsubst semantics for the named variables only
    local file=$1 content var
    shift
    content=$(<"$file")
    for var in "$@"; do content=${content//"\${$var}"/${!var}}; done
    printf '%s\n' "$content"
}

# The committed infra/gateway/nginx.conf, symlinked into a prefix directory under .bazaar/gateway (nginx resolves its
# includes next to the config file), with the per-environment includes rendered beside it.
start_gateway() {
    local nginx dir="$STATE/gateway" template
    nginx=$(nginx_bin) || die "nginx is not installed and could not be installed: no gateway, no operator console"
    if pid_of gateway >/dev/null; then log "gateway already running"; return; fi
    (exec 3<>"/dev/tcp/127.0.0.1/$GATEWAY_PORT") 2>/dev/null && die "port $GATEWAY_PORT for the gateway is taken (set BAZAAR_GATEWAY_PORT)"
    mkdir -p "$dir/conf/conf.d" "$STATE/run" "$STATE/logs"
    ln -sfn "$ROOT/infra/gateway/nginx.conf" "$dir/conf/nginx.conf"
    ln -sfn "$ROOT/infra/gateway/console" "$dir/console"
    local BAZAAR_CATALOG_UPSTREAM="127.0.0.1:$(port_of catalog)" BAZAAR_CART_UPSTREAM="127.0.0.1:$(port_of cart)" \
        BAZAAR_ORDERING_UPSTREAM="127.0.0.1:$(port_of ordering)" BAZAAR_USER_UPSTREAM="127.0.0.1:$(port_of user)" \
        BAZAAR_GATEWAY_LISTEN="$GATEWAY_PORT" BAZAAR_GATEWAY_TRUSTED_PROXIES="127.0.0.1"
    for template in "$ROOT"/infra/gateway/templates/*.conf.template; do
        render_template "$template" BAZAAR_CATALOG_UPSTREAM BAZAAR_CART_UPSTREAM BAZAAR_ORDERING_UPSTREAM \
            BAZAAR_USER_UPSTREAM BAZAAR_GATEWAY_LISTEN BAZAAR_GATEWAY_TRUSTED_PROXIES \
            >"$dir/conf/conf.d/$(basename "$template" .template)"
    done
    # Started by root, nginx's workers would be nobody, who may not traverse a checkout in a private directory (such as
    # root's home) to read the console's pages: they stay root then.
    local user=""
    [[ $EUID -eq 0 ]] && user=" user root;"
    local args=(-e stderr -p "$dir/" -c "$dir/conf/nginx.conf" -g "daemon off; pid $STATE/run/gateway.pid;$user")
    "$nginx" -q -t "${args[@]}" || die "the gateway configuration does not load (nginx -t above)"
    log "Starting the gateway (nginx) on port $GATEWAY_PORT"
    nohup "$nginx" "${args[@]}" >>"$STATE/logs/gateway.log" 2>&1 &
    local pid=$!
    echo "$pid" > "$STATE/run/gateway.pid"
    for _ in $(seq 1 50); do
        curl -fsS "http://127.0.0.1:$GATEWAY_PORT/healthz" >/dev/null 2>&1 && return
        # the process itself, not the pid file: nginx rewrites that file (its pid directive) while it starts
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$STATE/logs/gateway.log" >&2; die "the gateway exited during start-up"; }
        sleep 0.2
    done
    die "the gateway did not answer on port $GATEWAY_PORT"
}

stop_gateway() {
    local pid
    if pid=$(pid_of gateway); then
        log "Stopping the gateway ($pid)"
        kill -QUIT "$pid" # graceful: finish the requests in flight
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    fi
    rm -f "$STATE/run/gateway.pid"
}

cmd_run() {
    command -v java >/dev/null || die "Java 17+ is needed"
    ensure_postgres
    ensure_rabbitmq
    # the gateway serves the API and the operator console: installed the way ./bazaar test installs it
    ensure_nginx
    build
    ensure_keys
    log "Provisioning databases, roles, vhost '$VHOST' and broker users"
    provision_databases
    provision_broker
    for svc in "${SERVICES[@]}"; do start_service "$svc"; done
    for svc in "${SERVICES[@]}"; do wait_ready "$svc"; done
    start_gateway
    echo
    echo "Bazaar is running:"
    if pid_of gateway >/dev/null; then
        printf '  %-9s http://127.0.0.1:%s/api/   (/api/catalog, /api/cart, /api/orders, /api/users, /api/auth)\n' \
            gateway "$GATEWAY_PORT"
        printf '  %-9s http://127.0.0.1:%s/console/   (operator console: log in as the admin below)\n' \
            console "$GATEWAY_PORT"
    fi
    for svc in "${SERVICES[@]}"; do
        printf '  %-9s http://127.0.0.1:%s   (OpenAPI: /q/openapi, health: /q/health, metrics: /q/metrics)\n' \
            "$svc" "$(port_of "$svc")"
    done
    echo "  admin     ${BAZAAR_ADMIN_EMAIL:-admin@bazaar.local} / password in $STATE/secrets/admin-password"
    echo "  logs      $STATE/logs/   stop: ./bazaar stop"
}

cmd_stop() {
    local svc pid
    stop_gateway
    for svc in "${SERVICES[@]}"; do
        if pid=$(pid_of "$svc"); then
            log "Stopping $svc ($pid)"
            kill "$pid"
            for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        fi
        rm -f "$STATE/run/$svc.pid"
    done
}

cmd_status() {
    local svc port state
    for svc in "${SERVICES[@]}"; do
        port=$(port_of "$svc")
        if pid_of "$svc" >/dev/null; then
            state=$(curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && echo ready || echo "not ready")
        else
            state=stopped
        fi
        printf '%-9s %-6s %s\n' "$svc" "$port" "$state"
    done
    if pid_of gateway >/dev/null; then
        state=$(curl -fsS "http://127.0.0.1:$GATEWAY_PORT/healthz" >/dev/null 2>&1 && echo ready || echo "not ready")
    else
        state=stopped
    fi
    printf '%-9s %-6s %s\n' gateway "$GATEWAY_PORT" "$state"
}
