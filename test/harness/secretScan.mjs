// The UI run's look for secrets on disk: every file under a run's folder (user data, extensions,
// browser profile, code-server's and the extension host's logs, the terminals' HOME), searched for
// every secret the run learnt. Used by run-ui-tests.mjs after each test that asks and after the run.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files under `dir` that contain any of `secrets`. Each secret is looked for by its first 24
 * characters — long enough to be unique, short enough to survive a storage engine's compression
 * splitting it — in UTF-8 and in UTF-16LE, the encoding Chromium's local storage keeps strings in.
 * @param {string} dir
 * @param {Iterable<string>} secrets
 * @returns {string[]} one line per file and secret found, naming the secret by its first 4 characters only
 */
export function findSecrets(dir, secrets) {
  const probes = [...new Set(secrets)]
    .filter((secret) => secret.length >= 16)
    .flatMap((secret) => [Buffer.from(secret.slice(0, 24), 'utf8'), Buffer.from(secret.slice(0, 24), 'utf16le')].map((bytes) => ({ secret, bytes })));
  const leaks = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let content;
    try {
      content = readFileSync(path);
    } catch {
      continue;
    }
    for (const { secret, bytes } of probes) if (content.includes(bytes)) leaks.push(`${path} holds ${secret.slice(0, 4)}…`);
  }
  return leaks;
}

/**
 * Proof that the scan can fail, on the very folder it scans: two random values planted in a
 * folder under `dir`, one in UTF-8 inside other bytes, one in UTF-16LE, must both be reported;
 * the folder is removed again. Returns what went wrong, or undefined.
 * @param {string} dir
 */
export function scanFindsPlanted(dir) {
  const plantDir = mkdtempSync(join(dir, 'planted-secret-'));
  try {
    const utf8 = `planted-utf8-${Math.random().toString(36).slice(2)}${Date.now()}`;
    const utf16 = `planted-utf16-${Math.random().toString(36).slice(2)}${Date.now()}`;
    writeFileSync(join(plantDir, 'a.log'), `before ${utf8} after`);
    writeFileSync(join(plantDir, 'b.ldb'), Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(utf16, 'utf16le'), Buffer.from([3])]));
    const found = findSecrets(dir, [utf8, utf16]);
    const missed = [[utf8, 'a.log'], [utf16, 'b.ldb']].filter(([value, file]) => !found.some((line) => line.includes(file) && line.endsWith(`${value.slice(0, 4)}…`)));
    return missed.length === 0 ? undefined : `the scan missed planted values in ${missed.map(([, file]) => file).join(', ')} (found: ${found.join('; ') || 'nothing'})`;
  } finally {
    rmSync(plantDir, { recursive: true, force: true });
  }
}
