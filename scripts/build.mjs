// Bundles the extension, the CLI and the policy library with esbuild, and the tests.
//   node scripts/build.mjs                dev build: source maps, plus the test bundles in out/
//   node scripts/build.mjs --production   minified bundles for packaging, no tests
//   node scripts/build.mjs --watch        dev build, rebuilt on change
//   node scripts/build.mjs --clean        dev build into emptied dist/ and out/
import * as esbuild from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { webBuilds } from './webBuild.mjs';
import { lazyBundles, oneVscode } from './lazyBundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from bundlers; its ESM build does not.
  mainFields: ['module', 'main'],
  define: { IAM_TRUST_VERSION: JSON.stringify(version) },
};

/** Every *.ts under dir (relative to root), recursively. */
function sources(dir, pattern) {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && pattern.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** In the extension bundle, src/session/aws.ts stays a file of its own, required on first use. */
const awsApart = {
  name: 'aws-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/aws(\.js)?$/ }, (args) =>
      args.importer.startsWith(join(root, 'src', 'session')) ? { path: './aws.js', external: true } : undefined,
    );
  },
};

/**
 * dist/extension.js stays thin: the language features (the engine, IAM data, YAML reader) are
 * dist/language.js, required by src/language/lazyLanguage.ts when a document needs them.
 */
const languageApart = {
  name: 'language-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/lazyFeatures$/ }, (args) =>
      args.importer === join(root, 'src', 'language', 'lazyLanguage.ts') ? { path: './language.js', external: true } : undefined,
    );
  },
};

/** The IAM Roles view's items (the audit reading, the engine, the trust graph) are dist/rolesView.js, required by src/roles/rolesView.ts when the view is first shown. */
const rolesViewApart = {
  name: 'roles-view-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/rolesViewTree$/ }, (args) => (args.importer === join(root, 'src', 'roles', 'rolesView.ts') ? { path: './rolesView.js', external: true } : undefined));
  },
};

/** The session's commands (src/commands/commandFeatures.ts) are dist/commands.js, required by src/commands/lazyCommands.ts on first use. */
const commandsApart = {
  name: 'commands-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/commandFeatures$/ }, (args) => (args.importer === join(root, 'src', 'commands', 'lazyCommands.ts') ? { path: './commands.js', external: true } : undefined));
  },
};

const builds = [
  { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'], plugins: [oneVscode, awsApart, languageApart, rolesViewApart, commandsApart] },
  { ...common, entryPoints: { commands: 'src/commands/commandFeatures.ts' }, outdir: 'dist', external: ['vscode'], plugins: [oneVscode, awsApart] },
  // dist/language.js, dist/embedded.js (the YAML and Terraform readers) and dist/rolesView.js, sharing one engine.
  ...(await lazyBundles(common, { root, awsApart })),
  { ...common, entryPoints: { aws: 'src/session/aws.ts' }, outdir: 'dist' },
  // The CLI's audit command loads the SDK from dist/aws.js too, only when it runs.
  { ...common, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' }, plugins: [awsApart] },
  { ...common, entryPoints: { policy: 'src/policy/index.ts' }, outdir: 'dist' },
  // The browser entry (vscode.dev, github.dev) and, in dev builds, the Web Worker test's engine.
  ...webBuilds(common, { root, tests: !production }),
];
if (!production) {
  builds.push(
    { ...common, entryPoints: sources('test/unit', /\.test\.ts$/), outdir: 'out/test/unit', outbase: 'test/unit' },
    {
      ...common,
      entryPoints: sources('test/vscode', /\.ts$/),
      outdir: 'out/test/vscode',
      outbase: 'test/vscode',
      // mocha is loaded from node_modules inside the extension host; vscode is the host's own.
      external: ['vscode', 'mocha'],
    },
    // The local STS endpoint, for the UI runs and npm start.
    { ...common, entryPoints: { 'local-aws': 'test/local-aws/server.ts' }, outdir: 'out/test' },
  );
}

// --clean (used by npm test) drops stale bundles of deleted sources first; without it builds
// only overwrite, so that builds running side by side do not delete each other's output.
if (process.argv.includes('--clean') || production) {
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  if (!production) rmSync(join(root, 'out'), { recursive: true, force: true });
}

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
  console.log('build: watching for changes');
} else {
  const started = performance.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync(join(root, 'dist/cli.js'), 0o755);
  console.log(`build: ${production ? 'production' : 'dev'} bundles in ${Math.round(performance.now() - started)} ms`);
}

