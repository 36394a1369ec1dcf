"""Growth mode of bench/run.sh (bench/growth.sh): does the token endpoint stay flat as the tables grow?

Pre-loads N rows into registration's client tables and token's refresh-token tables with SQL generated inside
PostgreSQL (generate_series), re-runs the token-issuance and refresh scenarios after each step, and captures the
statements the services really run on those paths (PostgreSQL's own statement log, so Hibernate's SQL as it is)
to show their EXPLAIN (ANALYZE, BUFFERS).

Rows are generated from the live table shapes (information_schema), not from a copy of the migrations: the
refresh-token tables are still being written, and this keeps working when their columns change. Foreign keys are
followed (a parent row per child row), CHECK constraints of the form col IN (...) get their first value, columns
with a default are left to it, other nullable columns stay NULL except *hash* and *expires* ones.
"""
import os
import re
import subprocess
import time

import bench

HOT = re.compile(r"\b(registration\.client|client_secret|refresh)", re.I)


class Psql:
    def __init__(self, gh):
        url = os.environ.get("GATEHOUSE_DB_URL")
        if url:
            m = re.match(r"jdbc:postgresql://([^:/]+)(?::(\d+))?/([^?]+)", url)
            self.host, self.port, self.db = m.group(1), int(m.group(2) or 5432), m.group(3)
            self.user = os.environ.get("GATEHOUSE_DB_USER", "postgres")
            self.password = os.environ.get("GATEHOUSE_DB_PASSWORD", "")
            self.log = None
        else:
            if not gh.pg_port:
                raise SystemExit("growth: cannot find the embedded PostgreSQL's port in the launcher's output")
            self.host, self.port, self.db, self.user, self.password = "127.0.0.1", gh.pg_port, "gatehouse", "postgres", "postgres"
            self.log = os.path.join(gh.workdir, ".local-run", "logs", "postgres.log")

    def __call__(self, sql, check=True):
        env = dict(os.environ, PGPASSWORD=self.password)
        proc = subprocess.run(["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-p",
                               str(self.port), "-U", self.user, "-d", self.db], input=sql, env=env,
                              capture_output=True, text=True)
        if check and proc.returncode != 0:
            raise RuntimeError(f"psql failed: {proc.stderr.strip()[:600]}\nSQL: {sql[:400]}")
        return proc.stdout.strip() if proc.returncode == 0 else None


def lit(s):
    return "'" + s.replace("'", "''") + "'"


class Generator:
    """INSERT ... SELECT ... FROM generate_series for one table, from its live shape."""

    def __init__(self, psql):
        self.psql = psql

    def columns(self, schema, table):
        rows = self.psql(f"""SELECT column_name, data_type, udt_name, is_nullable, coalesce(column_default, ''),
                                    coalesce(character_maximum_length, 0)
                             FROM information_schema.columns WHERE table_schema = {lit(schema)} AND table_name = {lit(table)}
                             ORDER BY ordinal_position""")
        return [r.split("|") for r in rows.splitlines()] if rows else []

    def foreign_keys(self, schema, table):
        rows = self.psql(f"""SELECT a.attname, fn.nspname, ft.relname, fa.attname
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_class ft ON ft.oid = c.confrelid JOIN pg_namespace fn ON fn.oid = ft.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND n.nspname = {lit(schema)} AND t.relname = {lit(table)}""")
        return {r.split("|")[0]: r.split("|")[1:] for r in rows.splitlines()} if rows else {}

    def checks(self, schema, table):
        rows = self.psql(f"""SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE c.contype = 'c' AND n.nspname = {lit(schema)} AND t.relname = {lit(table)}""")
        return rows.splitlines() if rows else []

    @staticmethod
    def key(schema, table, column):
        return f"{schema}.{table}.{column}"

    def value(self, schema, table, col, fks, checks):
        name, dtype, udt, nullable, default, maxlen = col
        low = name.lower()
        k = self.key(schema, table, name)
        if name in fks:
            fschema, ftable, fcol = fks[name]
            if (fschema, ftable) == (schema, table):
                return "NULL" if nullable == "YES" else None
            return self.expression(fschema, ftable, fcol, dtype)
        for chk in checks:
            m = re.search(r"\(?\(?%s\)?(?:::text)? = ANY \(\(?ARRAY\['([^']*)'" % re.escape(name), chk) or \
                re.search(r"%s\)?(?:::text)? IN \('([^']*)'" % re.escape(name), chk)
            if m:
                return lit(m.group(1))
        special = "hash" in low or "expire" in low or low in ("id",)
        if default and not special:
            return None  # let the column default apply
        if nullable == "YES" and not special:
            return "NULL"
        if "hash" in low and dtype in ("text", "character varying", "character"):
            # base64url of SHA-256 without padding: 43 characters, like every stored secret hash here.
            return f"rtrim(translate(encode(sha256(({lit(k)} || g)::bytea), 'base64'), '+/', '-_'), '=')"
        if dtype == "bytea":
            return f"sha256(({lit(k)} || g)::bytea)"
        if "timestamp" in dtype or dtype == "date":
            return "now() + interval '30 days'" if "expire" in low else "now() - interval '1 hour'"
        return self.expression(schema, table, name, dtype, udt, int(maxlen or 0))

    def expression(self, schema, table, column, dtype, udt="", maxlen=0):
        """Deterministic per row number g, so a child's foreign key finds its parent's key."""
        k = self.key(schema, table, column)
        if dtype == "uuid":
            return f"md5({lit(k)} || g)::uuid"
        if dtype in ("integer", "bigint", "smallint", "numeric"):
            return "g"
        if dtype == "boolean":
            return "false"
        if dtype == "ARRAY":
            return "'{}'"
        if dtype in ("json", "jsonb"):
            return "'{}'"
        text = f"'g-{column}-' || g"
        return f"left({text}, {maxlen})" if maxlen else text

    def fill(self, schema, table, start, end, done):
        """Rows g = start+1 .. end into schema.table (and first into the tables its foreign keys point to)."""
        if (schema, table) in done:
            return
        done.add((schema, table))
        fks = self.foreign_keys(schema, table)
        for fcol, (fschema, ftable, _) in fks.items():
            if (fschema, ftable) != (schema, table):
                self.fill(fschema, ftable, start, end, done)
        cols, vals = [], []
        checks = self.checks(schema, table)
        for col in self.columns(schema, table):
            v = self.value(schema, table, col, fks, checks)
            if v is not None:
                cols.append('"' + col[0] + '"')
                vals.append(v)
        sql = (f"SET synchronous_commit = off;\nINSERT INTO \"{schema}\".\"{table}\" ({', '.join(cols)})\n"
               f"SELECT {', '.join(vals)}\nFROM generate_series({start + 1}, {end}) AS g;\n"
               f"ANALYZE \"{schema}\".\"{table}\";")
        t0 = time.monotonic()
        self.psql(sql)
        bench.log(f"  {schema}.{table}: rows {start + 1}..{end} in {time.monotonic() - t0:.1f} s")
        return sql


def statements(logfile, offset):
    """Distinct statements executed since `offset` in the PostgreSQL log, with the parameters of one execution."""
    with open(logfile, errors="replace") as fh:
        fh.seek(offset)
        text = fh.read()
    records, cur = [], None
    for line in text.splitlines():
        if re.match(r"^\d{4}-\d\d-\d\d ", line):
            cur = [line]
            records.append(cur)
        elif cur is not None:
            cur.append(line)
    found = {}
    last = None
    for rec in records:
        body = "\n".join(rec)
        m = re.search(r"LOG:\s+duration: [\d.]+ ms\s+(?:execute [^:]*|statement): (.*)", body, re.S)
        if m:
            sql = m.group(1).strip()
            last = found.setdefault(sql, {"sql": sql, "count": 0, "params": None})
            last["count"] += 1
            continue
        m = re.search(r"DETAIL:\s+parameters: (.*)", body, re.S)
        if m and last is not None and last["params"] is None:
            last["params"] = dict(re.findall(r"(\$\d+) = ((?:'(?:[^']|'')*')|NULL)", m.group(1)))
    return list(found.values())


def bind(sql, params):
    for k in sorted(params or {}, key=lambda p: -int(p[1:])):
        sql = sql.replace(k, params[k])
    return sql


def explain(psql, logfile, capture):
    """Runs `capture` with every statement logged, then EXPLAIN (ANALYZE, BUFFERS)s the hot ones (in a rolled-back
    transaction, so UPDATE/INSERT/DELETE change nothing)."""
    offset = os.path.getsize(logfile)
    psql("ALTER SYSTEM SET log_min_duration_statement = 0; SELECT pg_reload_conf();")
    time.sleep(0.5)
    try:
        capture()
    finally:
        psql("ALTER SYSTEM RESET log_min_duration_statement; SELECT pg_reload_conf();")
    out = []
    seen = statements(logfile, offset)
    for st in seen:
        if not HOT.search(st["sql"]) or re.match(r"(?i)\s*(SET|SHOW|ALTER|EXPLAIN)", st["sql"]):
            continue
        sql = bind(st["sql"], st["params"])
        if "$1" in sql:
            continue
        plan = psql(f"BEGIN;\nEXPLAIN (ANALYZE, BUFFERS) {sql};\nROLLBACK;", check=False)
        out.append({"title": f"executed {st['count']}× during the capture", "sql": sql,
                    "plan": plan or "(EXPLAIN failed)"})
    others = sum(1 for st in seen if not HOT.search(st["sql"]))
    return out, others


def run(runner, gh, state, args, trees):
    psql = Psql(gh)
    gen = Generator(psql)
    conns = int(args.connections.split(",")[0])
    sizes = [int(s) for s in args.growth_sizes.split(",") if s]
    notes = []
    refresh_tables = (psql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'token' "
                           "AND table_name ILIKE '%refresh%' ORDER BY 1") or "").split()
    client_tables = [t for t in ("client", "client_secret") if psql(
        f"SELECT 1 FROM information_schema.tables WHERE table_schema = 'registration' AND table_name = {lit(t)}")]
    notes.append("client tables loaded: " + (", ".join("registration." + t for t in client_tables) or "none"))
    if refresh_tables:
        notes.append("refresh-token tables loaded: " + ", ".join("token." + t for t in refresh_tables))
    else:
        notes.append("token schema has no refresh-token table yet (token-service's refresh tokens are still being "
                     "built): only the client tables were pre-loaded")
    notes.append("token-service caches client lookups for 4 s (registration-clients cache), so client_credentials "
                 "touches registration.client about once per 4 s per client, whatever the table size")

    def measure(label):
        step = {"label": label, "runs": {}}
        for scenario in ("client_credentials", "refresh"):
            step["runs"][scenario] = bench.run_scenario(runner, "gatehouse", scenario, state, conns, trees)

        def capture():
            # Past the 4 s client cache, so the lookup in registration-service happens inside the window.
            import provision
            for _ in range(2):
                provision.call("POST", f"{state['url']}/oauth/token", form={"grant_type": "client_credentials"},
                               headers={"Authorization": state["authorization"]})
                if state["features"].get("refresh", {}).get("available") and state.get("refresh_seed"):
                    pool = runner.pools.get("gatehouse")
                    if pool and os.path.exists(pool):
                        tokens = [t for t in open(pool).read().split() if t]
                        if tokens:
                            provision.call("POST", f"{state['url']}/refresh", body={"refresh_token": tokens[-1]})
                time.sleep(4.5)
        if psql.log:
            step["explain"], step["other_statements"] = explain(psql, psql.log, capture)
        else:
            step["explain"] = []
        # Whatever the services ran, the two lookups the issue names, written by hand:
        cid = psql("SELECT client_id FROM registration.client ORDER BY client_id DESC LIMIT 1") if client_tables else None
        if cid:
            sql = f"SELECT * FROM registration.client WHERE client_id = {lit(cid)}"
            step["explain"].append({"title": "client lookup by client_id (hand-written)", "sql": sql,
                                    "plan": psql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")})
        for t in refresh_tables:
            cols = [c[0] for c in gen.columns("token", t) if "hash" in c[0].lower()]
            if cols:
                h = psql(f'SELECT "{cols[0]}" FROM token."{t}" ORDER BY "{cols[0]}" DESC LIMIT 1')
                if h:
                    sql = f'SELECT * FROM token."{t}" WHERE "{cols[0]}" = {lit(h)}'
                    step["explain"].append({"title": f"refresh token by hash (hand-written, token.{t})", "sql": sql,
                                            "plan": psql(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")})
        return step

    steps = [measure("0 (baseline)")]
    loaded = 0
    for n in sizes:
        bench.log(f"growth: pre-loading up to {n:,} rows per table")
        done = set()
        for t in client_tables:
            gen.fill("registration", t, loaded, n, done)
        for t in refresh_tables:
            gen.fill("token", t, loaded, n, done)
        loaded = n
        steps.append(measure(f"{n:,}"))
    sizes = []
    for t in [("registration", t) for t in client_tables] + [("token", t) for t in refresh_tables]:
        sizes.append(psql(f"""SELECT format('%s.%s: %s rows, %s with indexes', {lit(t[0])}, {lit(t[1])},
                                     (SELECT count(*) FROM "{t[0]}"."{t[1]}"),
                                     pg_size_pretty(pg_total_relation_size('"{t[0]}"."{t[1]}"')))"""))
    notes.append("table sizes at the end: " + "; ".join(sizes))
    return {"connections": conns, "steps": steps, "notes": notes}
