// BI client test: node's pg driver (node-postgres, from npm) reads one statistic of
// each family (test/clients/families.txt) as plain columns.  node-postgres gives
// bigint (int8) as a string by default, to lose no digit; caregap's counts fit a
// double, so this test (and the README) installs the parser that reads int8 as a
// Number: pg.types.setTypeParser(20, (v) => parseInt(v, 10)).  Then each column's
// JavaScript type follows its PostgreSQL type and each value equals the server's
// text read back.
import fs from "node:fs";
import pg from "pg";

pg.types.setTypeParser(20, (v) => parseInt(v, 10));
const client = new pg.Client(); // PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE
await client.connect();
let n = 0, failed = 0;
const ok = (cond, what) => {
  n++;
  if (!cond) failed++;
  console.log(`${cond ? "" : "not "}ok ${n} - node pg: ${what}`);
};
const jsType = { "double precision": "number", integer: "number", bigint: "number", text: "string", boolean: "boolean" };
const file = process.env.CAREGAP_FAMILIES || "test/clients/families.txt";
for (const line of fs.readFileSync(file, "utf8").split("\n")) {
  if (!line.trim() || line.startsWith("#")) continue;
  const tab = line.indexOf("\t");
  const label = line.slice(0, tab), sql = line.slice(tab + 1);
  const cols = (await client.query(
    "SELECT column_name, column_type::text AS type FROM caregap.query_columns($1) ORDER BY ordinal", [sql])).rows;
  const texts = [];
  for (const c of cols) {
    const r = await client.query(`SELECT string_agg(coalesce(q."${c.column_name}"::text, '\\N'), chr(31)) AS t FROM (${sql}) q`);
    texts.push(r.rows[0].t.split("\x1f"));
  }
  const res = await client.query({ text: sql, rowMode: "array" });
  const names = res.fields.map((f) => f.name);
  ok(JSON.stringify(names) === JSON.stringify(cols.map((c) => c.column_name)) &&
     cols.every((c) => c.type in jsType) && res.rows.length === texts[0].length,
     `${label}: ${res.rows.length} rows of plain columns`);
  const bad = [];
  cols.forEach((c, i) => res.rows.forEach((row, r) => {
    const v = row[i], t = texts[i][r];
    const same = t === "\\N" ? v === null
      : typeof v === jsType[c.type] && (c.type === "text" ? v === t : c.type === "boolean" ? v === (t === "true") : v === Number(t));
    if (!same) bad.push(`${c.column_name} row ${r}: ${JSON.stringify(v)} (${typeof v}) vs ${t}`);
  }));
  ok(bad.length === 0, `${label}: every value arrives as the server's, in its JavaScript type ${JSON.stringify(bad.slice(0, 3))}`);
}
await client.end();
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
