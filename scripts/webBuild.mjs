// The browser builds (issue 17 §2), added to scripts/build.mjs's list:
//   dist/web/extension.js   the `browser` entry of package.json (src/web/extension.ts): a webworker
//                           bundle for vscode.dev and github.dev, CommonJS as VS Code web
//                           extensions must be, `vscode` from the host;
//   out/test/web/policy.js  (dev builds) src/policy for a plain Web Worker, a global
//                           `IamTrustPolicy` for importScripts(): test/web/ lints with it in Chromium;
//   out/test/web/suite/     (dev builds) the mocha suite VS Code for the Web runs (npm run test:web).
// Both fail to build when anything they bundle imports a Node built-in.
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')));

/** Any import of a Node built-in (`node:x`, `fs`, `fs/promises` …) is a build error naming who imports it. */
export function noNodeBuiltins(root) {
  return {
    name: 'no-node-builtins',
    setup(build) {
      build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, '');
        if (!args.path.startsWith('node:') && !BUILTINS.has(name) && !BUILTINS.has(name.split('/')[0])) return undefined;
        const importer = args.importer ? relative(root, args.importer) : '(entry)';
        return { errors: [{ text: `${importer} imports the Node built-in "${args.path}": the browser bundle runs in a Web Worker, where Node is absent` }] };
      });
    },
  };
}

/** In the browser, `.iamtrust.json` is read through vscode.workspace.fs (src/web/projectConfigs.ts) instead of node:fs. */
function webProjectConfigs(root) {
  return {
    name: 'web-project-configs',
    setup(build) {
      build.onResolve({ filter: /^\.\/projectConfigs$/ }, (args) =>
        args.importer === join(root, 'src', 'language', 'settings.ts') ? { path: join(root, 'src', 'web', 'projectConfigs.ts') } : undefined,
      );
    },
  };
}

/** The browser builds, from the Node builds' common options; `tests` adds the worker test's bundle. */
export function webBuilds(common, { root, tests }) {
  const browser = {
    ...common,
    platform: 'browser',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
  };
  const builds = [
    {
      ...browser,
      format: 'cjs',
      entryPoints: { extension: 'src/web/extension.ts' },
      outdir: 'dist/web',
      external: ['vscode'],
      plugins: [webProjectConfigs(root), noNodeBuiltins(root)],
    },
  ];
  if (tests) {
    builds.push({
      ...browser,
      format: 'iife',
      globalName: 'IamTrustPolicy',
      entryPoints: { policy: 'src/policy/index.ts' },
      outdir: 'out/test/web',
      plugins: [noNodeBuiltins(root)],
    });
    // VS Code for the Web's extensionTestsPath (npm run test:web), beside the browser entry.
    builds.push({
      ...browser,
      format: 'cjs',
      entryPoints: { index: 'test/web/suite/index.ts' },
      outdir: 'out/test/web/suite',
      external: ['vscode'],
      plugins: [noNodeBuiltins(root)],
    });
  }
  return builds;
}
