#!/usr/bin/env bash
# Makes sure a MariaDB server is running locally and that the test user and database exist.
# Prints the TEST_MYSQL_URL to use on its last line.
set -euo pipefail
if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq mariadb-server >/dev/null
fi
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
if ! mariadb-admin ping >/dev/null 2>&1; then
  start-stop-daemon --start --oknodo --background --chuid mysql --exec /usr/sbin/mariadbd -- --user=mysql
  for _ in $(seq 1 120); do mariadb-admin ping >/dev/null 2>&1 && break; sleep 0.5; done
fi
mariadb-admin ping >/dev/null 2>&1 || { echo "MariaDB did not start" >&2; exit 1; }
mariadb <<'SQL'
CREATE DATABASE IF NOT EXISTS steward_test CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'steward'@'127.0.0.1' IDENTIFIED BY 'steward';
CREATE USER IF NOT EXISTS 'steward'@'localhost' IDENTIFIED BY 'steward';
GRANT ALL PRIVILEGES ON `steward\_%`.* TO 'steward'@'127.0.0.1';
GRANT ALL PRIVILEGES ON `steward\_%`.* TO 'steward'@'localhost';
FLUSH PRIVILEGES;
SQL
echo "mariadb://steward:steward@127.0.0.1:3306/steward_test"
