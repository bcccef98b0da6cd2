// The Debian packages this project needs from the machine, per purpose: the one list that
// `npm start` (through test/harness/install-host.sh), `npm test` and .ci/run read.
//
//   node scripts/system-packages.mjs [--as LABEL] PURPOSE...   (PURPOSE: host, browser, clients or test)
//
// installs what is missing as root with apt-get, saying what and why on one line; without root
// it stops with the exact command to run. A package counts as present when dpkg says it is
// installed, or, on a machine without dpkg, when what we use of it is there (the probe).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Per purpose: each package, why it is needed, and how to see it on a machine without dpkg. */
export const SYSTEM_PACKAGES = {
  // Only while test/harness/install-host.sh installs code-server; not needed once it is installed.
  host: [
    { name: 'ripgrep', why: "seeds @vscode/ripgrep's download cache (its own download is from GitHub)", probe: () => onPath('rg') },
    { name: 'libkrb5-dev', why: "headers for code-server's native kerberos module", probe: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/gssapi/gssapi.h') },
    { name: 'g++', why: 'node-gyp compiles the native modules', probe: () => onPath('g++') },
    { name: 'make', why: 'node-gyp compiles the native modules', probe: () => onPath('make') },
    { name: 'python3', why: 'node-gyp runs on Python', probe: () => onPath('python3') },
  ],
  // The vscode and ui test layers (test/harness/codeServer.mjs openWorkbench). `npm start` does
  // not need it: you open the printed URL in your own browser.
  browser: [
    { name: 'chromium', why: "the headless browser that opens the test VS Code's workbench", probe: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium') },
  ],
  // The unit layer: real AWS clients a session terminal must serve (test/unit/terminal/clients.test.ts).
  clients: [
    { name: 'awscli', why: 'the real aws CLI the terminal tests run', probe: () => onPath('aws') },
    { name: 'python3-boto3', why: 'the real boto3 the terminal tests run', probe: () => spawnSync('python3', ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0 },
  ],
};
/** Named sets: `test` is everything `npm test` may need (what .ci/run installs up front). */
export const PURPOSE_SETS = { test: ['host', 'browser', 'clients'] };

function expand(purposes) {
  const names = purposes.flatMap((p) => PURPOSE_SETS[p] ?? [p]);
  for (const name of names) if (!SYSTEM_PACKAGES[name]) throw new Error(`system packages: unknown purpose '${name}' (${[...Object.keys(SYSTEM_PACKAGES), ...Object.keys(PURPOSE_SETS)].join(', ')})`);
  const seen = new Set();
  return names.flatMap((n) => SYSTEM_PACKAGES[n]).filter((p) => !seen.has(p.name) && seen.add(p.name));
}

/** The packages of these purposes that are missing here. */
export function missingPackages(purposes) {
  const wanted = expand(purposes);
  const dpkg = spawnSync('dpkg-query', ['-W', '-f=${Package} ${Status}\\n', ...wanted.map((p) => p.name)], { encoding: 'utf8' });
  const installed = new Set(
    (dpkg.stdout ?? '').split('\n').filter((l) => l.endsWith(' install ok installed')).map((l) => l.split(' ')[0]),
  );
  return wanted.filter((p) => !installed.has(p.name) && !p.probe());
}

/**
 * Installs the missing packages of these purposes (as root, with apt-get), or stops the process
 * with the command to run. Returns when everything is there.
 * @param {string[]} purposes  keys of SYSTEM_PACKAGES or PURPOSE_SETS
 * @param {string} label       the prefix of every line printed (the caller's name)
 */
export function ensureSystemPackages(purposes, label) {
  const missing = missingPackages(purposes);
  if (missing.length === 0) return;
  const names = missing.map((p) => p.name).join(' ');
  const reasons = missing.map((p) => `${p.name}: ${p.why}`).join('; ');
  const hasApt = onPath('apt-get');
  if (process.getuid?.() !== 0 || !hasApt) {
    console.error(`${label}: missing system packages (${reasons}).`);
    if (hasApt) console.error(`${label}: install them, then run this command again:\n\n    sudo apt-get update && sudo apt-get install -y ${names}\n`);
    else console.error(`${label}: this is not a Debian-like machine: install the equivalents of ${names}, then run this command again.`);
    process.exit(1);
  }
  console.log(`${label}: installing ${names} with apt-get (${reasons})`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  // Another apt-get may hold the lock for a while: wait for it rather than fail.
  const lock = ['-o', 'DPkg::Lock::Timeout=300'];
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...missing.map((p) => p.name)]]) {
    const result = spawnSync('apt-get', [...lock, ...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
      console.error(`${label}: apt-get ${args[0]} failed (exit ${result.status ?? result.signal})`);
      process.exit(1);
    }
  }
  const still = missingPackages(purposes);
  if (still.length > 0) {
    console.error(`${label}: apt-get installed, yet ${still.map((p) => p.name).join(' ')} is still missing`);
    process.exit(1);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const asIndex = args.indexOf('--as');
  const label = asIndex >= 0 ? args.splice(asIndex, 2)[1] : 'system packages';
  if (args.length === 0) {
    console.error('usage: node scripts/system-packages.mjs [--as LABEL] PURPOSE...');
    process.exit(2);
  }
  ensureSystemPackages(args, label);
}
