// The extension's bundles that load on demand (issue 15 §2), for scripts/build.mjs:
//   dist/language.js   the engine and the language features (src/language/lazyFeatures.ts), when a
//                      document may be a trust policy;
//   dist/embedded.js   the CloudFormation/SAM (YAML) and Terraform readers (src/policy/embedded),
//                      when a document may be a template or a .tf file (src/language/lazyEmbedded.ts);
//   dist/rolesView.js  the IAM Roles view's items (src/roles/rolesViewTree.ts), when it is first shown.
// The last two take every module that dist/language.js already holds (the engine, the IAM data,
// jsonc-parser …) from it instead of bundling a copy: dist/language.js exports those modules as
// `modules`, by path, and the other two require it. Which ones are found by a first build of
// each bundle's import graph without writing anything (the modules of dist/language.js that the
// others' own modules import), so a new import is shared without a list to keep.
import * as esbuild from 'esbuild';
import { join, relative } from 'node:path';

/**
 * One module object for `vscode` per bundle. esbuild's interop otherwise copies the API object's
 * few hundred properties into a new object for every module that imports it (27 modules in
 * dist/extension.js), at every start of the extension.
 */
export const oneVscode = {
  name: 'one-vscode',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'one-vscode' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'one-vscode' }));
    build.onLoad({ filter: /.*/, namespace: 'one-vscode' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

/** The language features' imports of src/policy/embedded go to its stand-in; the stand-in's own require is dist/embedded.js. */
function embeddedApart(root) {
  const index = join(root, 'src', 'policy', 'embedded', 'index.ts');
  const shim = join(root, 'src', 'language', 'lazyEmbedded.ts');
  return {
    name: 'embedded-apart',
    setup(build) {
      build.onResolve({ filter: /\/embedded$/ }, async (args) => {
        if (args.pluginData === 'embedded-apart' || args.importer.startsWith(join(root, 'src', 'policy', 'embedded'))) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'embedded-apart' });
        if (resolved.path !== index) return undefined;
        return args.importer === shim ? { path: './embedded.js', external: true } : { path: shim };
      });
    },
  };
}

/** Imports of the modules in `shared` (paths relative to root) become dist/language.js's exported modules. */
function fromLanguage(root, shared) {
  return {
    name: 'from-language',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === 'from-language' || args.namespace === 'from-language' || args.kind === 'entry-point') return undefined;
        if (!args.path.startsWith('.') && !/^[@a-z]/i.test(args.path)) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'from-language' });
        if (resolved.errors.length > 0 || resolved.external || !resolved.path) return undefined;
        const path = relative(root, resolved.path);
        return shared.has(path) ? { path, namespace: 'from-language' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'from-language' }, (args) => ({
        contents: `module.exports = require("./language.js").modules[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^\.\/language\.js$/, namespace: 'from-language' }, () => ({ path: './language.js', external: true }));
    },
  };
}

/** The import graph of a build, without writing: input path -> the input paths it imports. */
async function importGraph(options) {
  const { metafile } = await esbuild.build({ ...options, write: false, metafile: true, minify: false, sourcemap: false, logLevel: 'silent' });
  // Files only: a plugin's virtual module ("one-vscode:vscode") is no module to share.
  const file = (path) => path in metafile.inputs && !/^[\w-]+:/.test(path);
  return new Map(Object.entries(metafile.inputs).map(([path, input]) => [path, input.imports.filter((i) => !i.external && file(i.path)).map((i) => i.path)]));
}

/** The modules of `provided` that the bundle's own modules (those reached from its entry without passing through `provided`) import. */
function boundary(graph, entry, provided) {
  const shared = new Set();
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const imported of graph.get(queue.pop()) ?? []) {
      if (provided.has(imported)) shared.add(imported);
      else if (!seen.has(imported)) seen.add(imported), queue.push(imported);
    }
  }
  return shared;
}

/**
 * The build options of dist/language.js, dist/embedded.js and dist/rolesView.js. `common` are
 * scripts/build.mjs's options, `awsApart` its plugin that keeps the AWS SDK in dist/aws.js.
 */
export async function lazyBundles(common, { root, awsApart }) {
  const language = { ...common, entryPoints: { language: 'src/language/lazyFeatures.ts' }, outdir: 'dist', external: ['vscode'], plugins: [oneVscode, awsApart, embeddedApart(root)] };
  const others = [
    { ...common, entryPoints: { embedded: 'src/policy/embedded/index.ts' }, outdir: 'dist', external: ['vscode'], plugins: [oneVscode] },
    { ...common, entryPoints: { rolesView: 'src/roles/rolesViewTree.ts' }, outdir: 'dist', external: ['vscode'], plugins: [oneVscode, awsApart, embeddedApart(root)] },
  ];
  const graphs = await Promise.all([language, ...others].map(importGraph));
  const provided = new Set(graphs[0].keys());
  const shared = new Set();
  others.forEach((options, i) => {
    for (const path of boundary(graphs[i + 1], Object.values(options.entryPoints)[0], provided)) shared.add(path);
  });
  // dist/language.js: the features, and the shared modules by path.
  const paths = [...shared].sort();
  const entry = [
    "export * from './src/language/lazyFeatures';",
    ...paths.map((path, i) => `import * as m${i} from ${JSON.stringify(`./${path}`)};`),
    `export const modules = { ${paths.map((path, i) => `${JSON.stringify(path)}: m${i}`).join(', ')} };`,
  ].join('\n');
  const { entryPoints: _entry, outdir: _outdir, ...languageOptions } = language;
  return [
    { ...languageOptions, stdin: { contents: entry, resolveDir: root, sourcefile: 'language-entry.ts', loader: 'ts' }, outfile: join(root, 'dist', 'language.js') },
    ...others.map((options) => ({ ...options, plugins: [...options.plugins, fromLanguage(root, shared)] })),
  ];
}
