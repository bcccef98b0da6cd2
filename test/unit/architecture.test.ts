import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, it } from 'node:test';

// Tests run from out/test/unit; the repository root is three levels up.
const root = join(__dirname, '..', '..', '..');
const IMPORTS_VSCODE = /(?:from\s+['"]vscode['"]|require\(\s*['"]vscode['"]\s*\))/;

function tsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

describe('architecture', () => {
  for (const pure of ['src/policy', 'src/session']) {
    it(`${pure} never imports vscode (it runs in the CLI and in unit tests)`, () => {
      const offenders = tsFiles(join(root, pure)).filter((f) => IMPORTS_VSCODE.test(readFileSync(f, 'utf8')));
      assert.deepEqual(offenders, []);
    });
  }

  it('src/extension.ts only wires features: no AWS SDK import at start-up', () => {
    const source = readFileSync(join(root, 'src/extension.ts'), 'utf8');
    assert.doesNotMatch(source, /@aws-sdk|@smithy/);
  });
});

// ---------------------------------------------------------------------------------------------
// Rooms and the direction of imports

/** The rooms of src/policy, lowest first: a file may import its own room and the rooms below. */
const POLICY_ROOMS = ['base', 'syntax', 'iam', 'model', 'lint', 'evaluate', 'authoring', 'embedded'];
/** The layers of src, lowest first; every adapter folder is one layer above the pure ones. */
const ADAPTERS = ['language', 'commands', 'terminal', 'statusBar', 'roles'];
const NODE_BUILTINS = /^(node:|(assert|buffer|child_process|crypto|events|fs|http|https|net|os|path|process|stream|tls|url|util|worker_threads|zlib)(\/|$))/;

interface Edge {
  from: string;
  to: string;
}

/** Every import of every .ts file under src/, resolved to a file path relative to the root (or the bare module name). */
function importsOf(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFiles(join(root, 'src'))) {
    const source = readFileSync(file, 'utf8');
    const targets: string[] = [];
    for (const match of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) {
      const spec = match[1]!;
      if (!spec.startsWith('.')) {
        targets.push(spec);
        continue;
      }
      const base = join(file, '..', spec);
      const resolved = [`${base}.ts`, join(base, 'index.ts'), base].find((c) => existsSync(c) && c.endsWith('.ts'));
      targets.push(relative(root, resolved ?? base));
    }
    graph.set(relative(root, file), targets);
  }
  return graph;
}

/** Where a file sits: `policy/<room>` (or `policy` for its entry), `session`, `cli`, an adapter, or `extension`. */
function placeOf(file: string): string {
  const parts = file.split(sep);
  if (parts[0] !== 'src') return 'external';
  if (parts[1] === 'policy') return parts.length > 3 ? `policy/${parts[2]}` : 'policy';
  if (parts.length === 2) return parts[1]!.replace(/\.ts$/, '');
  return parts[1]!;
}

/** Whether an import from place `from` to place `to` runs down (or stays level). */
function allowed(from: string, to: string): boolean {
  if (from === to) return true;
  const room = (p: string) => POLICY_ROOMS.indexOf(p.slice('policy/'.length));
  if (from.startsWith('policy/') && to.startsWith('policy/')) return room(to) <= room(from);
  if (from === 'policy') return to.startsWith('policy/'); // the library's entry sits above every room
  if (from.startsWith('policy')) return false; // the engine imports nothing outside itself
  if (from === 'session') return to.startsWith('policy');
  // The CLI reads files and, for `audit`, AWS through src/session (its SDK calls live there).
  if (from === 'cli') return to.startsWith('policy') || to === 'session';
  if (ADAPTERS.includes(from)) return to.startsWith('policy') || to === 'session' || ADAPTERS.includes(to);
  // The two entries (src/extension.ts for Node, src/web/ for the browser) wire everything below them.
  if (from === 'extension' || from === 'aws' || from === 'web') return true;
  return false;
}

describe('rooms', () => {
  const graph = importsOf();
  const edges: Edge[] = [...graph].flatMap(([from, targets]) => targets.filter((t) => t.startsWith('src')).map((to) => ({ from, to })));

  it('src/policy is sorted into its rooms, with nothing loose but the library entry', () => {
    const loose = [...graph.keys()].filter((f) => placeOf(f) === 'policy' && f !== join('src', 'policy', 'index.ts'));
    assert.deepEqual(loose, []);
    const unknown = [...graph.keys()].map(placeOf).filter((p) => p.startsWith('policy/') && !POLICY_ROOMS.includes(p.slice(7)));
    assert.deepEqual([...new Set(unknown)], []);
  });

  it('imports only run down: policy rooms in order, policy below session, both below the adapters', () => {
    const upward = edges.filter((e) => !allowed(placeOf(e.from), placeOf(e.to))).map((e) => `${e.from} -> ${e.to}`);
    assert.deepEqual(upward, []);
  });

  it('no module imports itself through a circle', () => {
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      path.push(file);
      for (const next of graph.get(file) ?? []) {
        if (!graph.has(next)) continue;
        if (state.get(next) === 'open') circles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(file, 'done');
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    assert.deepEqual(circles, []);
  });

  it('src/policy uses no Node built-in (it must run in a browser)', () => {
    const offenders = [...graph].filter(([file]) => placeOf(file).startsWith('policy')).flatMap(([file, targets]) => targets.filter((t) => NODE_BUILTINS.test(t)).map((t) => `${file}: ${t}`));
    assert.deepEqual(offenders, []);
  });

  it('the checks above can fail: an upward import and a circle are recognised', () => {
    assert.equal(allowed('policy/iam', 'policy/model'), false);
    assert.equal(allowed('policy/model', 'policy/iam'), true);
    assert.equal(allowed('session', 'language'), false);
    assert.equal(allowed('policy/lint', 'session'), false);
    assert.equal(placeOf(join('src', 'policy', 'lint', 'rules', 'x.ts')), 'policy/lint');
  });
});

describe('bundles', () => {
  const bundle = (name: string) => readFileSync(join(root, 'dist', name), 'utf8');

  it('dist/policy.js and dist/cli.js run without VS Code', () => {
    for (const name of ['policy.js', 'cli.js']) assert.doesNotMatch(bundle(name), IMPORTS_VSCODE, name);
  });

  it('dist/extension.js takes vscode from the host instead of bundling it', () => {
    assert.match(bundle('extension.js'), /require\("vscode"\)/);
  });

  it('dist/cli.js is an executable node script', () => {
    assert.match(bundle('cli.js'), /^#!\/usr\/bin\/env node\n/);
    const policy = require(join(root, 'dist', 'policy.js'));
    assert.equal(typeof policy.lint, 'function');
  });
});

describe('lazy AWS SDK', () => {
  it('the extension bundles do not contain the SDK; the session commands (dist/commands.js) require dist/aws.js on first use', () => {
    for (const bundle of ['extension.js', 'commands.js', 'language.js']) {
      assert.doesNotMatch(readFileSync(join(root, 'dist', bundle), 'utf8'), /class STSClient|STSClient = class/, bundle);
    }
    assert.match(readFileSync(join(root, 'dist', 'commands.js'), 'utf8'), /import\("\.\/aws\.js"\)/);
    const aws = require(join(root, 'dist', 'aws.js'));
    assert.equal(typeof aws.STSClient, 'function');
    assert.equal(typeof aws.fromIni, 'function');
  });
});
