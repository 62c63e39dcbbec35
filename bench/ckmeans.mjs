// ckmeans of simple-statistics (a port of Ckmeans.1d.dp: the same optimum as
// exact Fisher-Jenks) on the values of a file, one per line; best of 5 runs.
// node bench/ckmeans.mjs values.txt k
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const ss = require('./ss/node_modules/simple-statistics');
const [file, k = '7'] = process.argv.slice(2);
const x = readFileSync(file, 'utf8').trim().split('\n').map(Number);
let best = Infinity, res;
for (let r = 0; r < 5; r++) {
  const t0 = process.hrtime.bigint();
  res = ss.ckmeans(x, Number(k));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  best = Math.min(best, ms);
}
console.log(`ckmeans_ms ${best.toFixed(2)} bounds ${res.map(c => c[c.length - 1]).join(' ')}`);
