// A load-independent proxy for what a window pays (issue 15 §2): the CPU time (process.cpuUsage,
// user + system) of requiring our bundles in plain Node, and of calling activate(), each in a
// fresh process, the minimum of N runs. CPU time counts only this process's work, so unlike the
// wall-clock figures of activation.mjs it hardly moves with the machine's load. The 'vscode'
// module is a stub that accepts every call (so activate() runs without a host): the figure is
// our JavaScript's own work, not the extension host's messages to the window.
//
//   node test/vscode/bench/requireCost.mjs [--dist <dir>] [--runs 20]
//
// <dir> is a dist/ folder (default: this checkout's). Measured: dist/extension.js, activate()
// with no document open, dist/commands.js (where the build has it: the first session command), dist/language.js, and what dist/embedded.js (where the build has it:
// a template opened) and dist/rolesView.js (the IAM Roles view shown) add after it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};

/** Runs in the child: the stub, then one measurement, printed as JSON. */
function child(dist, what, typesFile) {
  const Module = require('node:module');
  // A plain object with every name the API declares (as the host's module is; esbuild's interop
  // copies its keys), each a function-object that accepts any call, construction or property access.
  const make = () => {
    const cache = new Map();
    return new Proxy(function () {}, {
      get(_t, p) {
        if (p === 'then') return undefined;
        if (p === Symbol.iterator) return function* () {};
        if (p === Symbol.toPrimitive) return () => 0;
        if (p === 'prototype') return Object.prototype;
        if (!cache.has(p)) cache.set(p, make());
        return cache.get(p);
      },
      set: () => true,
      apply: () => make(),
      construct: () => make(),
    });
  };
  const stub = {};
  for (const name of require('node:fs').readFileSync(typesFile, 'utf8').match(/(?<=^\texport (?:namespace|class|enum|function|const|let) )\w+/gm)) stub[name] ??= make();
  // Settings and mementos hold nothing, as in a fresh window: get() gives the fallback (a truthy
  // stub would turn on every option, iamTrust.session.restoreOnReload among them).
  const unset = { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined, keys: () => [] };
  const workspace = stub.workspace;
  stub.workspace = new Proxy(workspace, { get: (t, p) => (p === 'getConfiguration' ? () => unset : t[p]) });
  const resolveFilename = Module._resolveFilename;
  Module._resolveFilename = function (request, ...rest) {
    return request === 'vscode' ? 'vscode' : resolveFilename.call(this, request, ...rest);
  };
  require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
  const cpu = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const timed = (run) => {
    const before = cpu();
    run();
    return cpu() - before;
  };
  const out = {};
  if (what === 'extension') out.ms = timed(() => require(`${dist}/extension.js`));
  if (what === 'activate') {
    const extension = require(`${dist}/extension.js`);
    const context = new Proxy({ subscriptions: [], globalState: unset, workspaceState: unset }, { get: (t, p) => (p in t ? t[p] : (t[p] = make())) });
    out.ms = timed(() => extension.activate(context));
    // What activate() loaded besides dist/extension.js (nothing, in a window without a document).
    out.loaded = Object.keys(require.cache).filter((f) => f.startsWith(`${dist}/`) && !f.endsWith('/extension.js')).map((f) => f.slice(dist.length + 1));
  }
  if (what === 'commands') {
    require(`${dist}/extension.js`);
    out.ms = timed(() => require(`${dist}/commands.js`));
  }
  if (what === 'language') out.ms = timed(() => require(`${dist}/language.js`));
  if (what === 'embedded') {
    require(`${dist}/language.js`);
    out.ms = timed(() => require(`${dist}/embedded.js`));
  }
  if (what === 'rolesView') {
    require(`${dist}/language.js`);
    out.ms = timed(() => require(`${dist}/rolesView.js`));
  }
  process.stdout.write(JSON.stringify(out));
  // Timers the stubbed activate() may have started are not waited for.
  process.exit(0);
}

{
  const root = fileURLToPath(new URL('../../..', import.meta.url));
  const dist = resolve(option('--dist', join(root, 'dist')));
  const runs = Number(option('--runs', '20'));
  const typesFile = join(root, 'node_modules', '@types', 'vscode', 'index.d.ts');
  const measures = ['extension', 'activate', 'commands', 'language', 'embedded', 'rolesView'].filter(
    (w) => w === 'activate' || existsSync(join(dist, `${w}.js`)),
  );
  console.log(`require cost: ${dist}, CPU time (user + system), min of ${runs} fresh processes; Node ${process.version}`);
  for (const what of measures) {
    const values = [];
    for (let i = 0; i < runs; i++) {
      // The child is this file run as CommonJS code: its function text, called with the arguments.
      const code = `(${child.toString()})(${JSON.stringify(dist)}, ${JSON.stringify(what)}, ${JSON.stringify(typesFile)})`;
      const output = execFileSync(process.execPath, ['-e', code], { encoding: 'utf8', timeout: 20_000 });
      const result = JSON.parse(output);
      values.push(result.ms);
      if (result.loaded?.length && i === 0) console.log(`  (activate() loaded ${result.loaded.join(', ')})`);
    }
    values.sort((a, b) => a - b);
    const label = what === 'activate' ? 'activate() (no document)' : what === 'commands' ? 'dist/commands.js (first session command)' : what === 'rolesView' || what === 'embedded' ? `dist/${what}.js after language.js` : `dist/${what}.js`;
    console.log(`  ${label.padEnd(38)} min ${values[0].toFixed(2)} ms, median ${values[Math.floor(values.length / 2)].toFixed(2)} ms`);
  }
}
