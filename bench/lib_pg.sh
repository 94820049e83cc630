# Sourced by the PostGIS benchmarks (bench_pg.sh, bench_province.sh). pg_cluster_start [-c NAME=VALUE ...]: a
# PostgreSQL 15 cluster of its own in a temporary folder $T (Unix socket there, a random port, stopped and removed
# at exit), database `pa` with PostGIS; sets T, PORT and PGW. run LABEL CMD...: runs CMD under /usr/bin/time and
# prints "LABEL wall_s peak_MB" (its stdout in "$T/LABEL.out", stderr and the timing in "$T/LABEL.time").
PGBIN=/usr/lib/postgresql/15/bin
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_cluster_start() {
  [ -x "$PGBIN/initdb" ] || { echo "PostgreSQL 15 is not installed (tools/setup)"; exit 2; }
  T=$(mktemp -d); chmod 755 "$T"
  [ "$(id -u)" = 0 ] && chown postgres "$T"
  trap 'as_pg $PGBIN/pg_ctl -D "$T/data" -m immediate stop >/dev/null 2>&1; rm -rf "$T"' EXIT
  as_pg $PGBIN/initdb -D "$T/data" -U postgres -A trust >/dev/null || exit 1
  PORT=$((20000 + RANDOM % 20000))
  as_pg $PGBIN/pg_ctl -D "$T/data" -o "-k $T -p $PORT -c listen_addresses='' $*" -l "$T/log" -w start >/dev/null \
    || { tail -3 "$T/log"; exit 1; }
  psql -h "$T" -p "$PORT" -U postgres -q -c "CREATE DATABASE pa" &&
    psql -h "$T" -p "$PORT" -U postgres -q -d pa -c "CREATE EXTENSION postgis" || exit 1
  PGW="PG:host=$T port=$PORT dbname=pa user=postgres"
}
run() {
  local label=$1; shift
  /usr/bin/time -v "$@" >"$T/$label.out" 2>"$T/$label.time" ||
    { echo "$label failed: $(grep -v '^\s' "$T/$label.time" | tail -3)"; return 1; }
  local wall peak
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$T/$label.time")
  peak=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$T/$label.time")
  printf "%-40s %9s s %7s MB\n" "$label" "$wall" "$peak"
}
