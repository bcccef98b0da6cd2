// The policy sets of the per-policy benches (scripts/bench-policy.mjs, scripts/bench-instructions.mjs):
// the JSON trust policies of test/fixtures/corpus/ (third-party copies, kept out of git: see its
// SOURCES.md; absent from a clean clone), test/fixtures/real-world/ and examples/. Small: those under
// 1 KiB. Large (1–4 KiB): the few real ones, and their statements, in order, put together into
// policies of 1–4 KiB (pretty-printed with 2 and 4 spaces, and one compact).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** { small, large }: arrays of policy texts, the same on every call for the same files. */
export function benchPolicies(root) {
  const walk = (dir) =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : [])) : [];
  const dirs = ['test/fixtures/corpus', 'test/fixtures/real-world', 'examples'];
  const seen = new Set();
  const policies = [];
  for (const path of dirs.flatMap((d) => walk(join(root, d)).sort())) {
    const text = readFileSync(path, 'utf8');
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      continue;
    }
    // A trust policy: a Statement, every statement with a Principal (or NotPrincipal) and no Resource.
    const statements = json && typeof json === 'object' && !Array.isArray(json) ? [json.Statement].flat() : [];
    if (statements.length === 0 || !statements.every((s) => s && typeof s === 'object' && (s.Principal || s.NotPrincipal) && !s.Resource)) continue;
    if (seen.has(text) || text.length > 4096) continue;
    seen.add(text);
    policies.push({ text, json });
  }
  const small = policies.filter((p) => p.text.length < 1024).map((p) => p.text);
  const large = policies.filter((p) => p.text.length >= 1024).map((p) => p.text);
  const statements = policies.flatMap((p) => [p.json.Statement].flat());
  for (let at = 0, n = 0; at < statements.length; n++) {
    const indent = [2, 4, 0][n % 3];
    const target = [1024, 2048, 3072, 3800][n % 4];
    const taken = [];
    let text = '';
    while (at < statements.length && text.length < target) {
      taken.push(statements[at++]);
      text = JSON.stringify({ Version: '2012-10-17', Statement: taken }, null, indent);
    }
    if (text.length > 4096 && taken.length > 1) {
      taken.pop();
      at--;
      text = JSON.stringify({ Version: '2012-10-17', Statement: taken }, null, indent);
    }
    if (text.length >= 1024 && text.length <= 4096) large.push(text);
  }
  return { small, large };
}

export const PEER = '@cloud-copilot/iam-policy';
/** The peer (cloud-copilot's validateTrustPolicy, version, licence), looked up from `root` and then from $BENCH_PEER; undefined when neither has it. */
export function loadPeer(root) {
  for (const from of [root, process.env.BENCH_PEER]) {
    if (!from) continue;
    try {
      const requireFrom = createRequire(join(from, 'package.json'));
      const main = requireFrom.resolve(PEER);
      const { version, license } = JSON.parse(readFileSync(join(main.slice(0, main.lastIndexOf(`${PEER}/`) + PEER.length), 'package.json'), 'utf8'));
      return { validateTrustPolicy: requireFrom(PEER).validateTrustPolicy, version, license };
    } catch {
      // not installed there
    }
  }
  return undefined;
}
