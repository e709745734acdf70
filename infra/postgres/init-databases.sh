#!/bin/bash
# PostgreSQL first-start initialisation for compose (mounted into /docker-entrypoint-initdb.d, so it runs once, when
# the data volume is empty): one database and one login role per service, as ./bazaar run creates them locally. Each
# role owns only its own database and PUBLIC may not connect to it, so no service can read another's tables.
# Passwords: BAZAAR_DB_<SERVICE>_PASSWORD from the environment (.env).
set -euo pipefail

for svc in catalog cart ordering user; do
    var="BAZAAR_DB_${svc^^}_PASSWORD"
    password=${!var:?$var is not set (see .env.example)}
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v role="bazaar_$svc" -v password="$password" <<'SQL'
create role :"role" login password :'password';
create database :"role" owner :"role";
revoke all on database :"role" from public;
SQL
done
