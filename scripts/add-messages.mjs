// Merges message fragments into the catalogues: `node scripts/add-messages.mjs zh.json en.json`
// (first file into messages/zh-CN.json, second into messages/en.json). Existing keys are
// overwritten by the fragment. A lock folder makes concurrent runs safe.
import fs from 'node:fs';

const [zhFile, enFile] = process.argv.slice(2);
if (!zhFile || !enFile) {
  console.error('usage: node scripts/add-messages.mjs <zh-CN fragment.json> <en fragment.json>');
  process.exit(2);
}
const lock = 'messages/.lock';
const deadline = Date.now() + 10_000;
for (;;) {
  try {
    fs.mkdirSync(lock);
    break;
  } catch {
    if (Date.now() > deadline) {
      console.error('messages are locked by another run; remove messages/.lock if it is stale');
      process.exit(1);
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}
const merge = (a, b) => {
  for (const [k, v] of Object.entries(b)) {
    if (v && typeof v === 'object' && a[k] && typeof a[k] === 'object') merge(a[k], v);
    else a[k] = v;
  }
  return a;
};
try {
  for (const [fragment, target] of [[zhFile, 'messages/zh-CN.json'], [enFile, 'messages/en.json']]) {
    const merged = merge(JSON.parse(fs.readFileSync(target, 'utf8')), JSON.parse(fs.readFileSync(fragment, 'utf8')));
    fs.writeFileSync(`${target}.tmp`, JSON.stringify(merged, null, 2) + '\n');
    fs.renameSync(`${target}.tmp`, target);
  }
} finally {
  fs.rmdirSync(lock);
}
