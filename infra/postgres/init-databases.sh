#!/bin/bash
# One database and one login role per service of infra/topology.properties. Each role owns only its own database and
# PUBLIC may not connect to it, so no service can read another's tables. Compose's PostgreSQL runs this at its first
# start (mounted into /docker-entrypoint-initdb.d, with the topology under /etc/bazaar); ./bazaar run runs it against
# the local server (BAZAAR_TOPOLOGY_DIR=infra, PGHOST and PGPORT set). It can run again: an existing role gets its
# password set again, an existing database is kept as it is.
# Passwords: BAZAAR_DB_<SERVICE>_PASSWORD from the environment (.env, or ./bazaar's generated secrets).
set -euo pipefail
topology_dir=${BAZAAR_TOPOLOGY_DIR:-/etc/bazaar}
source "$topology_dir/topology.sh"
load_topology "$topology_dir/topology.properties"

for svc in $(topology_services); do
    var="BAZAAR_DB_${svc^^}_PASSWORD"
    password=${!var:?$var is not set (see .env.example)}
    psql -v ON_ERROR_STOP=1 -q --username "${POSTGRES_USER:-postgres}" --dbname postgres \
        -v role="bazaar_$svc" -v password="$password" >/dev/null <<'SQL'
select format('create role %I login', :'role') where not exists (select from pg_roles where rolname = :'role') \gexec
alter role :"role" login password :'password';
select format('create database %I owner %I', :'role', :'role')
    where not exists (select from pg_database where datname = :'role') \gexec
revoke all on database :"role" from public;
SQL
done
