#!/usr/bin/env bash
# Makes the services Fluxa's tests and sample app need reachable on this machine:
#   MariaDB on 127.0.0.1:3306 (user root, empty password, database `test`)
#   Redis   on 127.0.0.1:6379
# Does nothing for a service that already answers, starts one that is installed but stopped, and
# installs missing ones from Debian's packages. Idempotent; quiet on success.
# Set FLUXA_SERVICES_VERBOSE=1 to see what it does.
set -euo pipefail

MYSQL_PORT=3306
REDIS_PORT=6379

say() { if [ "${FLUXA_SERVICES_VERBOSE:-0}" = 1 ]; then echo "services: $*"; fi; }
fail() { echo "services: $*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else fail "need root (or sudo) to run: $*"
  fi
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() {
  local port=$1 name=$2 i
  for i in $(seq 1 60); do
    port_open "$port" && return 0
    sleep 0.5
  done
  fail "$name did not start listening on 127.0.0.1:$port within 30 s"
}

apt_updated=0
install_packages() {
  if [ "$apt_updated" = 0 ]; then
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    apt_updated=1
  fi
  say "installing $*"
  # policy-rc.d keeps package scripts from starting daemons themselves; we start them below.
  as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d'
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
  as_root rm -f /usr/sbin/policy-rc.d
}

mariadb_client() { mariadb --protocol=TCP -h127.0.0.1 -P"$MYSQL_PORT" -uroot "$@"; }

ensure_mariadb() {
  if ! port_open "$MYSQL_PORT"; then
    if [ ! -x /usr/sbin/mariadbd ]; then
      install_packages mariadb-server mariadb-client
    fi
    as_root mkdir -p /run/mysqld /var/log/mysql
    as_root chown mysql:mysql /run/mysqld /var/log/mysql
    if [ ! -d /var/lib/mysql/mysql ]; then
      say "initialising the MariaDB data directory"
      as_root mariadb-install-db --user=mysql --datadir=/var/lib/mysql --skip-test-db >/dev/null
    fi
    say "starting MariaDB"
    as_root start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- \
      --user=mysql --bind-address=127.0.0.1 --port="$MYSQL_PORT"
    wait_for_port "$MYSQL_PORT" MariaDB
  fi
  # A fresh Debian install lets root in only through the Unix socket; the tests connect over TCP
  # as root with an empty password, so allow that (local development/CI database only).
  if ! mariadb_client -e 'SELECT 1' >/dev/null 2>&1; then
    say "allowing root over TCP with an empty password"
    as_root mariadb -uroot -e "
      ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket;
      CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
      GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
      FLUSH PRIVILEGES;" >/dev/null
    mariadb_client -e 'SELECT 1' >/dev/null 2>&1 || fail "MariaDB is up but root cannot log in over TCP"
  fi
  mariadb_client -e 'CREATE DATABASE IF NOT EXISTS test' >/dev/null
}

ensure_redis() {
  if port_open "$REDIS_PORT"; then
    return 0
  fi
  if ! command -v redis-server >/dev/null 2>&1; then
    install_packages redis-server
  fi
  as_root mkdir -p /var/lib/redis /var/log/redis
  say "starting Redis"
  # The daemon must not inherit the caller's descriptors: a caller running under `flock` would
  # otherwise leave its lock held by Redis for as long as Redis runs.
  as_root redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log 3>&- 4>&- 5>&- 6>&- 7>&- 8>&- 9>&-
  wait_for_port "$REDIS_PORT" Redis
}

ensure_mariadb
ensure_redis
say "MariaDB and Redis are reachable"
