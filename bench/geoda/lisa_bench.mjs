// GeoDa's own library (@geoda/lisa: libgeoda compiled to WebAssembly) timed on
// the same data as caregap: node lisa_bench.mjs input.json permutations repeats
// input.json: {"x": [...], "neighbors": [[...], ...]} (0-based, unit order).
// Prints one line per repeat: "geoda_local_moran_ms <ms>" (one core, warm).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

// under node 20 the package wants a browser: a navigator, and fetch of its .wasm
globalThis.navigator = globalThis.navigator ?? { userAgent: 'node', hardwareConcurrency: 1 };
const here = dirname(fileURLToPath(import.meta.url));
const wasmPath = join(here, 'node_modules/@geoda/lisa/wasm/geoda-lisa.wasm');
const realFetch = globalThis.fetch;
globalThis.fetch = async (url, opts) => {
  if (String(url).endsWith('.wasm')) {
    return new Response(readFileSync(wasmPath), { headers: { 'Content-Type': 'application/wasm' } });
  }
  return realFetch(url, opts);
};
const { localMoran } = await import('@geoda/lisa');

const [input, perms = '999', repeats = '5'] = process.argv.slice(2);
const d = JSON.parse(readFileSync(input, 'utf8'));
for (let r = 0; r < Number(repeats); r++) {
  const t0 = process.hrtime.bigint();
  const res = await localMoran({ data: d.x, neighbors: d.neighbors, permutation: Number(perms),
                                 significanceCutoff: 0.05, seed: 123456789 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (!res.isValid) throw new Error('GeoDa: invalid result');
  console.log(`geoda_local_moran_ms ${ms.toFixed(3)} lisa0 ${res.lisaValues[0]} p0 ${res.pValues[0]}`);
}
