# ./bazaar's prerequisites: the local PostgreSQL and RabbitMQ (started if stopped, installed with apt if absent), and
# the tools ./bazaar test needs besides Maven (nginx, docker-compose, chromium, playwright-core, prometheus).
# Sourced by ./bazaar.

ensure_postgres() {
    if pg_isready -q -h "$DB_HOST" -p "$DB_PORT" 2>/dev/null; then return; fi
    is_local "$DB_HOST" || die "PostgreSQL at $DB_HOST:$DB_PORT is not reachable"
    if ! command -v pg_ctlcluster >/dev/null; then
        log "Installing PostgreSQL (apt)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    log "Starting PostgreSQL"
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    for _ in $(seq 1 30); do pg_isready -q -h "$DB_HOST" -p "$DB_PORT" && return; sleep 1; done
    die "PostgreSQL did not come up on $DB_HOST:$DB_PORT"
}

ensure_rabbitmq() {
    if is_local "$MQ_HOST"; then
        if ! command -v rabbitmqctl >/dev/null; then
            log "Installing RabbitMQ (apt)"
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
        fi
        if ! timeout 15 rabbitmqctl -q await_startup >/dev/null 2>&1; then
            log "Starting RabbitMQ"
            rabbitmq-server -detached >/dev/null 2>&1 || true
            for _ in $(seq 1 60); do timeout 10 rabbitmqctl -q await_startup >/dev/null 2>&1 && break; sleep 1; done
        fi
    fi
    for _ in $(seq 1 30); do (exec 3<>"/dev/tcp/$MQ_HOST/$MQ_PORT") 2>/dev/null && return; sleep 1; done
    die "RabbitMQ at $MQ_HOST:$MQ_PORT is not reachable"
}

nginx_bin() { command -v nginx || { [[ -x /usr/sbin/nginx ]] && echo /usr/sbin/nginx; }; }

ensure_nginx() {
    nginx_bin >/dev/null && return
    log "Installing nginx (apt) for the gateway"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
    # Debian's package starts a system nginx on port 80 where an init system runs; Bazaar runs its own instance.
}

# compose.yaml is validated offline by `docker-compose config` (Debian's package, no daemon needed) or `docker compose`.
ensure_compose() {
    command -v docker-compose >/dev/null && return
    command -v docker >/dev/null && docker compose version >/dev/null 2>&1 && return
    log "Installing docker-compose (apt, without the Docker engine) to validate compose.yaml"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
}

# The operator console's browser test (e2e ConsoleIT) drives Debian's Chromium with playwright-core from npm, pinned by
# e2e/console-test/package-lock.json.
ensure_chromium() {
    [[ -x /usr/bin/chromium ]] && return
    log "Installing chromium (apt) for the operator console's browser test"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
}

ensure_console_test() {
    local dir="$ROOT/e2e/console-test"
    command -v npm >/dev/null || {
        log "Installing nodejs and npm (apt) for the operator console's browser test"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    }
    # playwright-core (package-lock.json) needs Node 20 or newer; Debian 12's own nodejs is 18
    local node_version
    node_version=$(node --version 2>/dev/null) \
        || die "node is not on the PATH: the operator console's browser test needs Node.js 20 or newer"
    node_version=${node_version#v}
    if [[ ! ${node_version%%.*} =~ ^[0-9]+$ ]] || (( ${node_version%%.*} < 20 )); then
        die "Node.js $node_version is too old for the operator console's browser test: playwright-core needs 20 or" \
            "newer (Debian 12's own nodejs package is 18). Put Node.js 20+ first on the PATH (nodejs.org or" \
            "NodeSource packages), then run ./bazaar test again"
    fi
    if [[ ! -d $dir/node_modules/playwright-core || $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]]; then
        log "Installing playwright-core (npm ci, pinned by e2e/console-test/package-lock.json)"
        (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    fi
}

# The monitoring tests run Prometheus itself (PrometheusIT, on a free port) and promtool (PromtoolTest): Debian's
# prometheus package ships both. Where an init system runs, the package also starts a system Prometheus on port 9090;
# it is stopped again, since nothing of Bazaar's uses it and it would take the port compose publishes.
ensure_prometheus() {
    command -v prometheus >/dev/null && command -v promtool >/dev/null && return
    log "Installing prometheus (apt) for the monitoring tests"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
    if command -v systemctl >/dev/null && systemctl is-active -q prometheus 2>/dev/null; then
        systemctl disable --now -q prometheus || true
    elif [[ -x /etc/init.d/prometheus ]]; then
        /etc/init.d/prometheus stop >/dev/null 2>&1 || true
    fi
}
