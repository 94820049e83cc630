#!/bin/bash
# Integration: the shared workspace on PostGIS (docs/administration.md). A throwaway PostgreSQL 15 + PostGIS 3
# cluster of its own (initdb into a temporary folder, Unix socket there, a random port, stopped at exit) receives
# the sample through `import -w PG:…`; `report --format json` is byte-identical to the SpatiaLite one; a refused
# import changes nothing; a viewer-role user reads but cannot write (exit 3/4 naming the role); a bad connection,
# a database without PostGIS and a command not ported yet each fail with exit 4 and a sentence; the workspace
# copies SpatiaLite -> PostGIS -> SpatiaLite with equal reports.
# Skipped (77) where PostgreSQL 15 or PostGIS is not installed. Usage: postgis_workspace.sh PARKATLAS_EXE SOURCE_DIR
# SCRATCH_DIR
set -u
PA=$1; SRC=$2; T=$3
PY=/usr/bin/python3
PGBIN=/usr/lib/postgresql/15/bin
if [ ! -x $PGBIN/initdb ] || ! ls /usr/share/postgresql/15/extension/postgis.control >/dev/null 2>&1; then
  echo "postgis_workspace: PostgreSQL 15 / PostGIS 3 not installed (tools/setup installs them): skipped"; exit 77
fi
command -v psql >/dev/null || { echo "postgis_workspace: no psql (postgresql-client): skipped"; exit 77; }
rm -rf "$T"; mkdir -p "$T"
cd "$SRC" || exit 1
fail() { echo "postgis_workspace: FAIL: $*"; exit 1; }
# The cluster lives in /tmp (short socket path; a folder the postgres user can reach when this runs as root).
C=$(mktemp -d); chmod 755 "$C"; D=$C/pg; mkdir -p "$D"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$D"
cleanup() { as_pg $PGBIN/pg_ctl -D "$D/data" -m immediate stop >/dev/null 2>&1; rm -rf "$C"; }
trap cleanup EXIT
as_pg $PGBIN/initdb -D "$D/data" -U postgres -A trust >"$T/initdb.log" 2>&1 || fail "initdb: $(tail -n 2 "$T/initdb.log")"
started=0
for try in 1 2 3; do  # a random port another cluster may hold: try another
  PORT=$((20000 + RANDOM % 20000))
  if as_pg $PGBIN/pg_ctl -D "$D/data" -o "-k $D -p $PORT -c listen_addresses=''" -l "$D/log" -w start >/dev/null 2>&1; then
    started=1; break
  fi
done
[ $started = 1 ] || fail "postgres did not start: $(tail -n 3 "$D/log" 2>/dev/null)"
PSQL=(psql -h "$D" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -q)
"${PSQL[@]}" -c "CREATE DATABASE pa" -c "CREATE DATABASE pa2" -c "CREATE DATABASE nogis" >/dev/null || fail "createdb"
"${PSQL[@]}" -d pa -c "CREATE EXTENSION postgis" >/dev/null 2>&1 || { echo "postgis_workspace: CREATE EXTENSION postgis failed: skipped"; exit 77; }
"${PSQL[@]}" -d pa2 -c "CREATE EXTENSION postgis" >/dev/null || fail "postgis in pa2"
PGW="PG:host=$D port=$PORT dbname=pa user=postgres"
ALL=(--zones gis-data/zones.shp --parcels gis-data/parcels_guian.gpkg --parcels gis-data/parcels_guiyang.shp --ledger gis-data/projects.xlsx)

# The SpatiaLite reference.
"$PA" import -w "$T/sl.sqlite" "${ALL[@]}" >/dev/null 2>"$T/sl.err" || fail "SpatiaLite import: $(head -c 300 "$T/sl.err")"
"$PA" report -w "$T/sl.sqlite" --format json >"$T/sl.json" 2>/dev/null || fail "SpatiaLite report"

# 1. Import into PostGIS; the report is the same to the byte.
"$PA" import -w "$PGW" "${ALL[@]}" >"$T/imp.out" 2>"$T/imp.err" || fail "PostGIS import: $(head -c 400 "$T/imp.err")"
"$PA" report -w "$PGW" --format json >"$T/pg.json" 2>"$T/rep.err" || fail "PostGIS report: $(head -c 300 "$T/rep.err")"
cmp -s "$T/sl.json" "$T/pg.json" || fail "PostGIS report differs from SpatiaLite: $(diff "$T/sl.json" "$T/pg.json" | head -n 6 | tr '\n' ' ')"
"$PA" report -w "postgresql:///pa?host=$D&port=$PORT&user=postgres" --format json >"$T/uri.json" 2>"$T/uri.err" \
  || fail "report through a postgresql:// URI: $(head -c 300 "$T/uri.err")"
cmp -s "$T/sl.json" "$T/uri.json" || fail "the report through a URI differs"
"${PSQL[@]}" -d pa -At -c "SELECT count(*) FROM pg_indexes WHERE schemaname='parkatlas' AND tablename IN ('zones','parcels','projects','problems') AND indexdef LIKE '%gist%'" \
  | grep -qx 4 || fail "no GiST indexes on the geometry columns"
"${PSQL[@]}" -d pa -At -c "SELECT part_names FROM parkatlas.zones WHERE code='GANA'" | grep -qxF '["马场","湖潮","党武"]' \
  || fail "GANA's part names (片区) not stored on PostGIS"
"${PSQL[@]}" -d pa -At -c "SELECT ST_SRID(geom), GeometryType(geom) FROM parkatlas.parcels LIMIT 1" | grep -qx '4490|MULTIPOLYGON' \
  || fail "parcels.geom is not MultiPolygon 4490"
# A ledger-only import (parcels kept, derived columns updated) gives the same report again.
"$PA" import -w "$PGW" --ledger gis-data/projects.xlsx >/dev/null 2>"$T/imp2.err" || fail "PostGIS ledger import: $(head -c 300 "$T/imp2.err")"
"$PA" import -w "$T/sl.sqlite" --ledger gis-data/projects.xlsx >/dev/null 2>&1 || fail "SpatiaLite ledger import"
"$PA" report -w "$PGW" --format json >"$T/pg2.json" 2>/dev/null
"$PA" report -w "$T/sl.sqlite" --format json >"$T/sl2.json" 2>/dev/null
cmp -s "$T/sl2.json" "$T/pg2.json" || fail "after a ledger-only import the reports differ"

# The other read commands print the same on both engines.
for cmd in check supply projects targets cluster concentration chains grade "review --list idle"; do
  "$PA" $cmd -w "$PGW" --format json >"$T/pg_cmd.json" 2>&1; a=$?
  "$PA" $cmd -w "$T/sl.sqlite" --format json >"$T/sl_cmd.json" 2>&1; b=$?
  [ $a = $b ] && cmp -s "$T/pg_cmd.json" "$T/sl_cmd.json" || fail "$cmd differs between PostGIS (exit $a) and SpatiaLite (exit $b)"
done

# render draws the same map (the legend's numbers equal; the footer names the database, never a password).
"$PA" render -w "$PGW" --size 800x450 --out "$T/pg.png" --legend-json "$T/pg_legend.json" >/dev/null 2>"$T/render.err" \
  || fail "render on PostGIS: $(head -c 300 "$T/render.err")"
"$PA" render -w "$T/sl.sqlite" --size 800x450 --out "$T/sl.png" --legend-json "$T/sl_legend.json" >/dev/null 2>&1 \
  || fail "render on SpatiaLite"
cmp -s "$T/pg_legend.json" "$T/sl_legend.json" || fail "the legends of render differ"

# 2. A refused import (a truncated GeoPackage) leaves the database as it was.
head -c 20000 gis-data/parcels_guian.gpkg >"$T/truncated.gpkg"
"$PA" import -w "$PGW" --parcels "$T/truncated.gpkg" >/dev/null 2>&1 && fail "a truncated GeoPackage was imported"
"$PA" report -w "$PGW" --format json >"$T/pg_after.json" 2>/dev/null
cmp -s "$T/pg2.json" "$T/pg_after.json" || fail "a refused import changed the PostGIS workspace"

# A connection lost in the middle of an import (the server ends it while parcels are being written) leaves the
# database as it was and says so (exit 4).
"${PSQL[@]}" -d pa -c "CREATE FUNCTION parkatlas.pa_cut() RETURNS trigger LANGUAGE plpgsql AS
  \$\$BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END\$\$;
  CREATE TRIGGER pa_cut BEFORE INSERT ON parkatlas.parcels FOR EACH ROW EXECUTE FUNCTION parkatlas.pa_cut()" >/dev/null \
  || fail "could not set up the cut"
"$PA" import -w "$PGW" --parcels gis-data/parcels_guian.gpkg >/dev/null 2>"$T/cut.err"; rc=$?
"${PSQL[@]}" -d pa -c "DROP TRIGGER pa_cut ON parkatlas.parcels; DROP FUNCTION parkatlas.pa_cut()" >/dev/null
[ $rc = 4 ] && grep -q "was lost" "$T/cut.err" || fail "a lost connection: exit $rc: $(head -c 300 "$T/cut.err")"
"$PA" report -w "$PGW" --format json >"$T/pg_cut.json" 2>/dev/null
cmp -s "$T/pg2.json" "$T/pg_cut.json" || fail "an import cut off half way changed the PostGIS workspace"

# 3. Roles: a viewer reads, cannot write, and is told which role it needs.
"$PA" admin init-roles -w "$PGW" >"$T/roles.out" 2>"$T/roles.err" || fail "admin init-roles: $(head -c 300 "$T/roles.err")"
"$PA" admin init-roles -w "$PGW" >/dev/null 2>&1 || fail "admin init-roles a second time"
"${PSQL[@]}" -d pa -c "CREATE ROLE looker LOGIN; GRANT parkatlas_viewer TO looker" >/dev/null || fail "viewer role"
RO="PG:host=$D port=$PORT dbname=pa user=looker"
"$PA" report -w "$RO" --format json >"$T/ro.json" 2>"$T/ro.err" || fail "viewer cannot report: $(head -c 300 "$T/ro.err")"
cmp -s "$T/pg2.json" "$T/ro.json" || fail "the viewer's report differs"
"$PA" import -w "$RO" --zones gis-data/zones.shp >/dev/null 2>"$T/ro_imp.err"; rc=$?
{ [ $rc = 3 ] || [ $rc = 4 ]; } || fail "viewer import: exit $rc, want 3 or 4 ($(head -c 300 "$T/ro_imp.err"))"
grep -q parkatlas_editor "$T/ro_imp.err" || fail "the refusal does not name parkatlas_editor: $(head -c 300 "$T/ro_imp.err")"
"${PSQL[@]}" -d pa -c "CREATE ROLE ed LOGIN; GRANT parkatlas_editor TO ed" >/dev/null || fail "editor role"
"$PA" import -w "PG:host=$D port=$PORT dbname=pa user=ed" --ledger gis-data/projects.xlsx >/dev/null 2>"$T/ed.err" \
  || fail "an editor cannot import: $(head -c 300 "$T/ed.err")"

# 3a. Reading by view (forced on the sample): a viewer cannot read by view before the index is built and is told
# what to run; an editor builds it; the viewer's zone render by view then counts what a whole read counts; an
# import makes it stale again (the viewer is told), an editor's render rebuilds it.
ED="PG:host=$D port=$PORT dbname=pa user=ed"
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$RO" --zone GY-ETDZ --out "$T/v_ro.png" >/dev/null 2>"$T/v_ro.err"; rc=$?
[ $rc = 4 ] && grep -q "prepare-view" "$T/v_ro.err" || fail "a viewer without the view index: exit $rc: $(head -c 300 "$T/v_ro.err")"
"$PA" workspace prepare-view -w "$ED" >"$T/prep.out" 2>&1 || fail "prepare-view by an editor: $(head -c 300 "$T/prep.out")"
grep -q "4470 parcels, 4470 with cached triangles" "$T/prep.out" || fail "prepare-view on PostGIS: $(cat "$T/prep.out")"
env -u DISPLAY "$PA" render -w "$T/sl.sqlite" --zone GY-ETDZ --out "$T/v_sl.png" --legend-json "$T/v_sl.json" >/dev/null 2>&1 || fail "render SpatiaLite"
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$RO" --zone GY-ETDZ --out "$T/v_pg.png" --legend-json "$T/v_pg.json" \
  >/dev/null 2>"$T/v_pg.err" || fail "a viewer's render by view: $(head -c 300 "$T/v_pg.err")"
grep -q "read by view: .* with their geometry" "$T/v_pg.err" || fail "no read-by-view note on PostGIS: $(cat "$T/v_pg.err")"
$PY - "$T/v_sl.json" "$T/v_pg.json" <<'PYEOF' || fail "the zone read by view on PostGIS differs from the SpatiaLite whole read"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
bad = [k for k in ["breaks", "classes", "shown_count", "shown_area_mu"] if a.get(k) != b.get(k)]
if bad: print(bad); sys.exit(1)
PYEOF
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$RO" --out "$T/v_city.png" >/dev/null 2>"$T/v_city.err" \
  && grep -qE "parcels drawn, one per cell of level" "$T/v_city.err" || fail "the city view by view on PostGIS: $(head -c 300 "$T/v_city.err")"
"$PA" import -w "$ED" --ledger gis-data/projects.xlsx >/dev/null 2>&1 || fail "editor's ledger import"
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$RO" --zone GY-ETDZ --out "$T/v_ro2.png" >/dev/null 2>"$T/v_ro2.err"; rc=$?
[ $rc = 4 ] && grep -q "older than its parcels" "$T/v_ro2.err" || fail "a stale view index for a viewer: exit $rc: $(head -c 300 "$T/v_ro2.err")"
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$ED" --zone GY-ETDZ --out "$T/v_ed.png" >/dev/null 2>"$T/v_ed.err" \
  || fail "an editor's render by view (rebuilding the index): $(head -c 300 "$T/v_ed.err")"
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$RO" --zone GY-ETDZ --out "$T/v_ro3.png" >/dev/null 2>&1 \
  || fail "the viewer after the editor rebuilt the index"

# 3b. Planning on PostGIS: the same optimum as on the SpatiaLite file; scenarios listed, compared, renamed, deleted;
# a planner may save scenarios but not import, a viewer may not save.
"$PA" plan -w "$PGW" --scenario s1 --pipeline gis-data/pipeline.xlsx --solve --format json >"$T/plan_pg.json" 2>"$T/plan_pg.err" \
  || fail "plan on PostGIS: $(head -c 300 "$T/plan_pg.err")"
"$PA" plan -w "$T/sl.sqlite" --scenario s1 --pipeline gis-data/pipeline.xlsx --solve --format json >"$T/plan_sl.json" 2>/dev/null || fail "plan on SpatiaLite"
$PY - "$T/plan_pg.json" "$T/plan_sl.json" <<'PYEOF' || fail "plan on PostGIS differs from SpatiaLite"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for x in (a, b): x.pop("seconds", None)
if a != b: print("differs:", [k for k in a if a.get(k) != b.get(k)]); sys.exit(1)
PYEOF
"$PA" scenario copy -w "$PGW" s1 s2 >/dev/null 2>"$T/sc.err" || fail "scenario copy on PostGIS: $(head -c 300 "$T/sc.err")"
"$PA" scenario compare -w "$PGW" s1 s2 --format json >"$T/cmp_pg.json" 2>/dev/null || fail "scenario compare on PostGIS"
"$PA" scenario copy -w "$T/sl.sqlite" s1 s2 >/dev/null 2>&1 && "$PA" scenario compare -w "$T/sl.sqlite" s1 s2 --format json >"$T/cmp_sl.json" 2>/dev/null
cmp -s "$T/cmp_pg.json" "$T/cmp_sl.json" || fail "scenario compare differs between PostGIS and SpatiaLite"
"$PA" scenario rename -w "$PGW" s2 s3 >/dev/null 2>&1 || fail "scenario rename on PostGIS"
[ "$("${PSQL[@]}" -d pa -tAc "SELECT count(*) FROM parkatlas.scenario_assignments WHERE scenario = 's3'")" -gt 300 ] || fail "the renamed scenario lost its assignments"
"$PA" scenario delete -w "$PGW" s3 >/dev/null 2>&1 || fail "scenario delete on PostGIS"
[ "$("${PSQL[@]}" -d pa -tAc "SELECT count(*) FROM parkatlas.scenario_assignments WHERE scenario = 's3'")" = 0 ] || fail "deleted scenario left assignments"
"$PA" scenario list -w "$PGW" --format json 2>/dev/null | grep -q '"s1"' || fail "scenario list on PostGIS"
"$PA" scenario delete -w "$PGW" nope >/dev/null 2>"$T/nope.err"; rc=$?
[ $rc = 3 ] && grep -q "s1" "$T/nope.err" || fail "an unknown scenario: exit $rc: $(head -c 300 "$T/nope.err")"
"${PSQL[@]}" -d pa -c "CREATE ROLE pl LOGIN; GRANT parkatlas_planner TO pl" >/dev/null || fail "planner role"
"$PA" plan -w "PG:host=$D port=$PORT dbname=pa user=pl" --scenario by_planner --pipeline gis-data/pipeline.xlsx >/dev/null 2>"$T/pl.err" \
  || fail "a planner cannot save a scenario: $(head -c 300 "$T/pl.err")"
"$PA" import -w "PG:host=$D port=$PORT dbname=pa user=pl" --ledger gis-data/projects.xlsx >/dev/null 2>"$T/pl_imp.err"; rc=$?
{ [ $rc = 3 ] || [ $rc = 4 ]; } && grep -q parkatlas_editor "$T/pl_imp.err" || fail "a planner's import: exit $rc: $(head -c 300 "$T/pl_imp.err")"
"$PA" plan -w "$RO" --scenario by_viewer --pipeline gis-data/pipeline.xlsx >/dev/null 2>"$T/ro_plan.err"; rc=$?
{ [ $rc = 3 ] || [ $rc = 4 ]; } && grep -q parkatlas_planner "$T/ro_plan.err" || fail "a viewer's plan: exit $rc: $(head -c 300 "$T/ro_plan.err")"
# The meeting room on PostGIS: context layers, a registered basemap and the storyboard, drawn by render --view.
"$PA" import -w "$PGW" --context gis-data/context.json >/dev/null 2>"$T/ctx.err" || fail "import --context on PostGIS: $(head -c 300 "$T/ctx.err")"
"$PA" import -w "$T/sl.sqlite" --context gis-data/context.json >/dev/null 2>&1 || fail "import --context on SpatiaLite"
"$PA" layers -w "$PGW" --format json >"$T/layers_pg.json" 2>/dev/null || fail "layers on PostGIS"
"$PA" layers -w "$T/sl.sqlite" --format json >"$T/layers_sl.json" 2>/dev/null || fail "layers on SpatiaLite"
cmp -s "$T/layers_pg.json" "$T/layers_sl.json" || fail "the context layers differ: $(diff "$T/layers_pg.json" "$T/layers_sl.json" | head -n 4 | tr '\n' ' ')"
"$PA" story -w "$PGW" --add 经开区 --zone GY-ETDZ --theme compliance >/dev/null 2>"$T/story.err" || fail "story --add on PostGIS: $(head -c 300 "$T/story.err")"
"$PA" story -w "$PGW" --format json 2>/dev/null | grep -q '经开区' || fail "the storyboard view was not stored on PostGIS"
"$PA" render -w "$PGW" --view 经开区 --size 640x400 --out "$T/view_pg.png" >/dev/null 2>"$T/rv.err" || fail "render --view on PostGIS: $(head -c 300 "$T/rv.err")"
"$PA" render -w "$PGW" --view 经开区 --size 640x400 --no-basemaps --out "$T/view_pg_nb.png" >/dev/null 2>&1 || fail "render --no-basemaps"
cmp -s "$T/view_pg.png" "$T/view_pg_nb.png" && fail "the registered basemap is not drawn from PostGIS"
"$PA" layers -w "$RO" --remove 河流 >/dev/null 2>"$T/ro_rm.err"; rc=$?
{ [ $rc = 3 ] || [ $rc = 4 ]; } && grep -q parkatlas_editor "$T/ro_rm.err" || fail "a viewer removing a layer: exit $rc: $(head -c 300 "$T/ro_rm.err")"
# Zone-level rights: an operator granted GY-ETDZ sees, reports and plans only that zone; others still see all.
"${PSQL[@]}" -d pa -c "CREATE ROLE op_etdz LOGIN; GRANT parkatlas_planner TO op_etdz" >/dev/null || fail "operator role"
"$PA" admin grant-zones -w "$PGW" --role op_etdz --zone GY-ETDZ >"$T/grant.out" 2>"$T/grant.err" || fail "admin grant-zones: $(head -c 300 "$T/grant.err")"
grep -q "op_etdz: GY-ETDZ" "$T/grant.out" || fail "grant-zones output: $(cat "$T/grant.out")"
"$PA" admin grant-zones -w "$PGW" --role op_etdz --zone NOPE >/dev/null 2>"$T/grant_bad.err"; rc=$?
[ $rc = 3 ] && grep -q "GY-ETDZ" "$T/grant_bad.err" || fail "granting an unknown zone: exit $rc: $(head -c 300 "$T/grant_bad.err")"
OP="PG:host=$D port=$PORT dbname=pa user=op_etdz"
"$PA" report -w "$OP" --format json >"$T/op.json" 2>"$T/op.err" || fail "report as the zone operator: $(head -c 300 "$T/op.err")"
"$PA" report -w "$RO" --format json >"$T/ro_all.json" 2>/dev/null || fail "report as the viewer"
"$PA" plan -w "$OP" --scenario op_plan --pipeline gis-data/pipeline.xlsx --solve --format json >"$T/op_plan.json" 2>"$T/op_plan.err" \
  || fail "plan as the zone operator: $(head -c 300 "$T/op_plan.err")"
$PY - "$T/op.json" "$T/ro_all.json" "$T/op_plan.json" "$T/sl2.json" <<'PYEOF' || fail "zone-level rights"
import json, sys
op, ro, plan, sl = (json.load(open(p)) for p in sys.argv[1:5])
def zones(rep):
    for k in ("zones", "by_zone", "rows"):
        if isinstance(rep, dict) and isinstance(rep.get(k), list): return {z.get("code") or z.get("zone") for z in rep[k]}
    return None
zo, za = zones(op), zones(ro)
if zo is None: print("no zone list in the report"); sys.exit(1)
if zo != {"GY-ETDZ"}: print("the operator sees zones", sorted(zo)); sys.exit(1)
if len(za) < 12: print("the unrestricted viewer sees only", sorted(za)); sys.exit(1)
if ro != sl: print("the unrestricted viewer's report changed"); sys.exit(1)
bad = [a for a in plan["assignments"] if a["zone"] != "GY-ETDZ"]
if bad or not plan["assignments"]: print("the operator planned outside its zone:", len(bad), "of", len(plan["assignments"])); sys.exit(1)
PYEOF
# Read by view, the zone operator sees its zone's parcels only (row-level security on the view index too).
"$PA" workspace prepare-view -w "$PGW" >/dev/null 2>&1 || fail "prepare-view before the operator's views"
PARKATLAS_VIEW_READ_FROM=1 env -u DISPLAY "$PA" render -w "$OP" --out "$T/op_city.png" --legend-json "$T/op_city.json" \
  >/dev/null 2>"$T/op_city.err" || fail "the operator's city view by view: $(head -c 300 "$T/op_city.err")"
$PY - "$T/op_city.json" <<'PYEOF' || fail "read by view, the zone operator sees other zones' parcels"
import json, sys
n = json.load(open(sys.argv[1]))["shown_count"]
if not 0 < n <= 600: print("the operator's city view counts", n, "parcels (GY-ETDZ has 600)"); sys.exit(1)
PYEOF
"$PA" admin revoke-zones -w "$PGW" --role op_etdz >/dev/null 2>&1 || fail "admin revoke-zones"
"$PA" report -w "$OP" --format json 2>/dev/null | cmp -s - "$T/ro_all.json" || fail "after revoke-zones the operator sees all again"
# The audit table: who imported or changed what; writers may add rows, not remove them.
"$PA" audit -w "$PGW" --limit 0 --format json >"$T/audit.json" 2>"$T/audit.err" || fail "audit: $(head -c 300 "$T/audit.err")"
$PY - "$T/audit.json" <<'PYEOF' || fail "the audit table misses changes"
import json, sys
rows = json.load(open(sys.argv[1]))
def has(action, user=None, obj=None):
    return any(r["action"] == action and (user is None or r["db_user"] == user) and (obj is None or r["object"] == obj) for r in rows)
need = [("import", "postgres", "parcels"), ("import", "ed", "ledger"), ("scenario.save", "pl", "by_planner"),
        ("scenario.rename", "postgres", "s2"), ("scenario.delete", "postgres", "s3")]
missing = [n for n in need if not has(*n)]
if missing: print("missing:", missing); sys.exit(1)
if has("scenario.save", None, "by_viewer"): print("a refused save was audited"); sys.exit(1)
PYEOF
"${PSQL[@]}" -d pa -U ed -c "DELETE FROM parkatlas.audit" >/dev/null 2>"$T/audit_del.err" && fail "an editor could delete audit rows"
grep -q "permission denied" "$T/audit_del.err" || fail "deleting audit rows as an editor: $(head -c 300 "$T/audit_del.err")"
# The viewer on the shared workspace hears another user's commit (LISTEN/NOTIFY) and reads the workspace again.
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1280x800x24" timeout 180 "$PA" view "$PGW" --size 800x600 --quit-after-reload >"$T/listen.log" 2>&1 &
  VPID=$!
  for _ in $(seq 1 300); do grep -q "shared database: listening" "$T/listen.log" && break; sleep 0.2; done
  grep -q "shared database: listening as postgres@pa/parkatlas" "$T/listen.log" || fail "the viewer does not listen: $(tail -n 3 "$T/listen.log")"
  "$PA" import -w "PG:host=$D port=$PORT dbname=pa user=ed" --ledger gis-data/projects.xlsx >/dev/null 2>&1 || fail "import while a viewer listens"
  wait $VPID || fail "the listening viewer failed: $(tail -n 3 "$T/listen.log")"
  grep -q "shared database: reloaded (import by ed" "$T/listen.log" \
    || fail "the viewer did not read the workspace again after another user's import: $(tail -n 3 "$T/listen.log")"
  # The server restarts under a listening viewer: the map stays, the feed reconnects by itself and reads again.
  xvfb-run -a -s "-screen 0 1280x800x24" timeout 180 "$PA" view "$PGW" --size 800x600 --quit-after-reload >"$T/listen2.log" 2>&1 &
  VPID=$!
  for _ in $(seq 1 300); do grep -q "shared database: listening" "$T/listen2.log" && break; sleep 0.2; done
  as_pg $PGBIN/pg_ctl -D "$D/data" -o "-k $D -p $PORT -c listen_addresses=''" -l "$D/log" -m fast -w restart >/dev/null 2>&1 \
    || fail "restarting postgres"
  wait $VPID || fail "the viewer failed across a server restart: $(tail -n 3 "$T/listen2.log")"
  grep -q "shared database: reloaded (reconnected" "$T/listen2.log" \
    || fail "the viewer did not reconnect after a server restart: $(tail -n 3 "$T/listen2.log")"
  # The viewer opens a PostGIS workspace in two stages (theme columns and boxes first, then geometry and ledger) and
  # ends with what it holds from the file: the same ledger line, parcel card fields included (--select).
  code=$("${PSQL[@]}" -d pa -tAc "SELECT code FROM parkatlas.parcels WHERE zone_code = 'GY-ETDZ' ORDER BY id LIMIT 1")
  PARKATLAS_TWO_STAGE_FROM=1 xvfb-run -a -s "-screen 0 1280x800x24" "$PA" view "$PGW" --size 800x600 --quit-after-tasks --timings \
    --select "$code" >"$T/two_pg.log" 2>&1 || fail "two-stage view on PostGIS: $(tail -n 3 "$T/two_pg.log")"
  xvfb-run -a -s "-screen 0 1280x800x24" "$PA" view "$T/sl.sqlite" --size 800x600 --quit-after-tasks --timings \
    --select "$code" >"$T/two_sl.log" 2>&1 || fail "view of the SpatiaLite file: $(tail -n 3 "$T/two_sl.log")"
  grep -q "open: stage 2: parcel geometry" "$T/two_pg.log" || fail "the PostGIS open did not run in two stages: $(grep open: "$T/two_pg.log" | head -n 3 | tr '\n' ' ')"
  [ "$(grep '^ledger:' "$T/two_pg.log")" = "$(grep '^ledger:' "$T/two_sl.log")" ] && grep -q '^ledger:' "$T/two_pg.log" \
    || fail "the PostGIS viewer holds another ledger: $(grep '^ledger:' "$T/two_pg.log") / $(grep '^ledger:' "$T/two_sl.log")"
  # The compact first-stage record on PostGIS: written after the open above (a user every parcel is visible to),
  # read by the next open, which then shows the same ledger; never read where zone rights (row-level security)
  # filter the parcels, as for the viewer role below.
  [ "$("${PSQL[@]}" -d pa -tAc "SELECT count(*) FROM parkatlas.render_cache WHERE key LIKE 'parcels-lean-%'")" = 1 ] \
    || fail "no first-stage record in the PostGIS render cache"
  PARKATLAS_TWO_STAGE_FROM=1 xvfb-run -a -s "-screen 0 1280x800x24" "$PA" view "$PGW" --size 800x600 --quit-after-tasks --timings \
    --select "$code" >"$T/rec_pg.log" 2>&1 || fail "second view on PostGIS: $(tail -n 3 "$T/rec_pg.log")"
  grep -q "open: parcels (first-stage record)" "$T/rec_pg.log" || fail "the second PostGIS open did not read the first-stage record: $(grep open: "$T/rec_pg.log" | head -n 3 | tr '\n' ' ')"
  [ "$(grep '^ledger:' "$T/rec_pg.log")" = "$(grep '^ledger:' "$T/two_sl.log")" ] || fail "the PostGIS viewer on the record holds another ledger"
  # The render cache on PostGIS: the viewers above stored the mesh they triangulated; the next open reads it.
  [ "$("${PSQL[@]}" -d pa -tAc "SELECT count(*) FROM parkatlas.render_cache WHERE key LIKE 'parcels-mesh-%'")" = 1 ] \
    || fail "no triangulated mesh in the PostGIS render cache"
  PARKATLAS_TWO_STAGE_FROM=1 xvfb-run -a -s "-screen 0 1280x800x24" "$PA" view "$RO" --size 800x600 --frames 3 --timings >"$T/cached.log" 2>&1 || fail "view as the viewer role"
  grep -q "open: triangulation" "$T/cached.log" && fail "the viewer triangulated although the mesh is cached on PostGIS"
  grep -q "open: cached mesh" "$T/cached.log" || fail "no mesh cache step in the viewer timings: $(grep open: "$T/cached.log" | tr "\n" " ")"
  grep -q "open: parcels (first-stage record)" "$T/cached.log" && fail "a user under zone rights read the shared first-stage record"
fi

# 4. Bad connections and missing PostGIS: exit 4 with a sentence; no password ever printed.
"$PA" report -w "PG:host=$D port=$((PORT + 1)) dbname=pa user=postgres" >/dev/null 2>"$T/bad1.err"; rc=$?
[ $rc = 4 ] && grep -q "server is running" "$T/bad1.err" || fail "unreachable server: exit $rc: $(head -c 300 "$T/bad1.err")"
"$PA" report -w "PG:hots=x dbname=pa" >/dev/null 2>"$T/bad2.err"; rc=$?
[ $rc = 4 ] || fail "a wrong connection string: exit $rc: $(head -c 300 "$T/bad2.err")"
"$PA" report -w "PG:host=$D port=$PORT dbname=pa user=postgres password=sekrit99" >/dev/null 2>"$T/bad3.err"
"$PA" report -w "PG:host=$D port=$PORT dbname=nosuchdb user=postgres password=sekrit99" >/dev/null 2>>"$T/bad3.err"
! grep -q sekrit99 "$T/bad3.err" || fail "a password was printed"
"$PA" report -w "PG:host=$D port=$PORT dbname=nogis user=postgres" >/dev/null 2>"$T/nogis.err"; rc=$?
[ $rc = 4 ] || fail "a database without a workspace: exit $rc"
"$PA" import -w "PG:host=$D port=$PORT dbname=nogis user=looker" --zones gis-data/zones.shp >/dev/null 2>"$T/nogis2.err"; rc=$?
[ $rc = 4 ] && grep -qi postgis "$T/nogis2.err" || fail "no PostGIS: exit $rc: $(head -c 300 "$T/nogis2.err")"
"${PSQL[@]}" -d pa2 -c "CREATE SCHEMA parkatlas; CREATE TABLE parkatlas.meta(key text PRIMARY KEY, value text);
  INSERT INTO parkatlas.meta VALUES('application','parkatlas'),('schema_version','99')" >/dev/null || fail "newer schema"
"$PA" report -w "PG:host=$D port=$PORT dbname=pa2 user=postgres" >/dev/null 2>"$T/newer.err"; rc=$?
[ $rc = 4 ] && grep -q "newer" "$T/newer.err" || fail "a newer schema: exit $rc: $(head -c 300 "$T/newer.err")"
"${PSQL[@]}" -d pa2 -c "DROP SCHEMA parkatlas CASCADE" >/dev/null 2>&1
# A schema-3 workspace (no zones.part_names): read as is, brought to 4 by a writing command.
PG2="PG:host=$D port=$PORT dbname=pa2 user=postgres"  # (again in section 5)
"$PA" import -w "$PG2" --zones gis-data/zones.shp >/dev/null 2>"$T/v3.err" || fail "zones into pa2: $(head -c 300 "$T/v3.err")"
"${PSQL[@]}" -d pa2 -c "ALTER TABLE parkatlas.zones DROP COLUMN part_names;
  UPDATE parkatlas.meta SET value='3' WHERE key='schema_version'" >/dev/null || fail "could not make a schema-3 workspace"
"$PA" report -w "$PG2" --format json >/dev/null 2>"$T/v3r.err" || fail "report on a schema-3 PostGIS workspace: $(head -c 300 "$T/v3r.err")"
[ "$("${PSQL[@]}" -d pa2 -At -c "SELECT value FROM parkatlas.meta WHERE key='schema_version'")" = 3 ] || fail "a read changed the PostGIS schema"
"$PA" import -w "$PG2" --zones gis-data/zones.shp >/dev/null 2>"$T/v3i.err" || fail "zones into a schema-3 PostGIS workspace: $(head -c 300 "$T/v3i.err")"
[ "$("${PSQL[@]}" -d pa2 -At -c "SELECT value FROM parkatlas.meta WHERE key='schema_version'")" = 5 ] || fail "PostGIS workspace not migrated to 5"
"${PSQL[@]}" -d pa2 -At -c "SELECT part_names FROM parkatlas.zones WHERE code='GY-HTZ'" | grep -qxF '["金阳","沙文"]' \
  || fail "part names not stored after the PostGIS migration"
"${PSQL[@]}" -d pa2 -c "DROP SCHEMA parkatlas CASCADE" >/dev/null 2>&1

# 5. workspace copy both ways.
"$PA" workspace copy "$PGW" "$T/back.sqlite" >/dev/null 2>"$T/copy.err" || fail "copy PostGIS -> SpatiaLite: $(head -c 300 "$T/copy.err")"
"$PA" scenario list -w "$T/back.sqlite" --format json 2>/dev/null | grep -q '"by_planner"' || fail "the scenarios were not copied to SpatiaLite"
"$PA" layers -w "$T/back.sqlite" --format json 2>/dev/null | cmp -s - "$T/layers_pg.json" || fail "the context layers were not copied to SpatiaLite"
"$PA" story -w "$T/back.sqlite" --format json 2>/dev/null | grep -q '经开区' || fail "the storyboard was not copied to SpatiaLite"
"$PA" audit -w "$T/back.sqlite" --limit 0 --format json 2>/dev/null | grep -q '"scenario.save"' || fail "the audit was not copied to SpatiaLite"
"$PA" report -w "$T/back.sqlite" --format json >"$T/back.json" 2>/dev/null
cmp -s "$T/pg2.json" "$T/back.json" || fail "copied back to SpatiaLite, the report differs"
PG2="PG:host=$D port=$PORT dbname=pa2 user=postgres"
"$PA" workspace copy "$T/sl.sqlite" "$PG2" >/dev/null 2>"$T/copy2.err" || fail "copy SpatiaLite -> PostGIS: $(head -c 300 "$T/copy2.err")"
"$PA" report -w "$PG2" --format json >"$T/pg3.json" 2>/dev/null
cmp -s "$T/sl2.json" "$T/pg3.json" || fail "copied into PostGIS, the report differs"
# Another schema of the same database (schema=NAME in the connection) holds a second workspace.
"$PA" workspace copy "$T/sl.sqlite" "$PGW schema=desk2" >/dev/null 2>"$T/copy3.err" || fail "copy into schema desk2: $(head -c 300 "$T/copy3.err")"
"$PA" report -w "$PGW schema=desk2" --format json >"$T/desk2.json" 2>/dev/null
cmp -s "$T/sl2.json" "$T/desk2.json" || fail "the workspace in schema desk2 reports differently"
"$PA" report -w "$PGW" --schema desk2 --format json 2>/dev/null | cmp -s - "$T/desk2.json" || fail "--schema desk2 differs from schema=desk2"
"$PA" report -w "postgresql:///pa?host=$D&port=$PORT&user=postgres" --schema desk2 --format json 2>/dev/null | cmp -s - "$T/desk2.json" \
  || fail "--schema with a postgresql:// URI"
"$PA" report -w "$PGW" --format json | cmp -s - "$T/pg2.json" || fail "copying into schema desk2 changed schema parkatlas"
# A schema-2 workspace (before parcels.planned_supply_date): read as is, migrated to 4 by a writing command.
"${PSQL[@]}" -d pa -c "ALTER TABLE desk2.parcels DROP COLUMN planned_supply_date;
  UPDATE desk2.meta SET value = '2' WHERE key = 'schema_version'" >/dev/null || fail "could not make a schema-2 workspace"
"$PA" report -w "$PGW schema=desk2" --format json >"$T/desk2_v2.json" 2>"$T/v2.err" || fail "report on schema 2: $(head -c 300 "$T/v2.err")"
cmp -s "$T/sl2.json" "$T/desk2_v2.json" || fail "a schema-2 workspace reports differently"
[ "$("${PSQL[@]}" -d pa -tAc "SELECT value FROM desk2.meta WHERE key = 'schema_version'")" = 2 ] || fail "a read migrated the schema"
"$PA" import -w "$PGW schema=desk2" --ledger gis-data/projects.xlsx >/dev/null 2>"$T/v2imp.err" || fail "import into schema 2: $(head -c 300 "$T/v2imp.err")"
[ "$("${PSQL[@]}" -d pa -tAc "SELECT value FROM desk2.meta WHERE key = 'schema_version'")" = 5 ] || fail "not migrated to schema 5"
[ "$("${PSQL[@]}" -d pa -tAc "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'desk2' AND column_name = 'planned_supply_date'")" = 1 ] \
  || fail "parcels.planned_supply_date not added by the migration"
"$PA" workspace copy "$T/sl.sqlite" "$PG2" >/dev/null 2>&1; rc=$?
[ $rc = 4 ] || fail "a copy onto an existing workspace: exit $rc, want 4"
"$PA" workspace copy "$PGW" "$T/back.sqlite" >/dev/null 2>&1 && fail "a copy over an existing file"
echo "postgis_workspace: OK"
