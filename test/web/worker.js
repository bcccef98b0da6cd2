// Runs inside a dedicated Web Worker in Chromium (test/web/run.mjs): no Node, no require, no
// process, no Buffer. Two parts, both reported back to the page in one message:
//  1. the engine's browser bundle (out/test/web/policy.js, importScripts): lint() and
//     lintEmbedded() on each fixture, evaluate() with a BinaryEquals condition;
//  2. the extension's browser entry (dist/web/extension.js, CommonJS, loaded the way VS Code's
//     web extension host loads one: its text run with module/exports/require, where require
//     knows only 'vscode'), activated against test/web/vscodeShim.js; each fixture is opened as
//     a document and its diagnostics, hover, completion, code lenses and quick fixes collected,
//     plus the commands and language model tools it registered.
/* eslint-disable */
importScripts('/out/test/web/policy.js', '/test/web/vscodeShim.js');

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
const codeOf = (d) => (typeof d.code === 'object' && d.code ? d.code.value : d.code);
const textOf = (contents) => contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');

function engine(fixtures) {
  const P = self.IamTrustPolicy;
  const findings = {};
  for (const f of fixtures) {
    const found = f.kind === 'policy' ? P.lint(f.text, f.options) : P.lintEmbedded(f.text, f.kind, f.options);
    findings[f.name] = found.map((x) => ({ code: x.code, severity: x.severity, line: x.range.start.line, column: x.range.start.column }));
  }
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { BinaryEquals: { 'custom:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } } }],
  });
  const request = (blob) => ({ principal: { type: 'AWS', id: 'arn:aws:iam::111122223333:user/alice' }, action: 'sts:AssumeRole', context: { 'custom:blob': blob } });
  const binaryEquals = [P.evaluate(policy, request('QmluYXJ5VmFsdWVJbkJhc2U2NA==')).decision, P.evaluate(policy, request('T3RoZXI=')).decision];
  return { findings, binaryEquals, rules: P.RULES.length };
}

async function extension(fixtures, manifest, code) {
  const shim = self.createVscodeShim(manifest);
  const { vscode, registered, openDocument } = shim;
  const module = { exports: {} };
  const required = [];
  const require = (name) => {
    required.push(name);
    if (name === 'vscode') return vscode;
    throw new Error(`require('${name}'): a web extension can require only 'vscode'`);
  };
  const started = performance.now();
  new Function('module', 'exports', 'require', `${code}\n//# sourceURL=/dist/web/extension.js`)(module, module.exports, require);
  const loadMs = performance.now() - started;
  const context = { subscriptions: [], extensionUri: vscode.Uri.parse('https://example.invalid/extension'), globalState: new Map(), workspaceState: new Map() };
  const api = module.exports.activate(context);
  const activateMs = performance.now() - started - loadMs;

  const documents = {};
  for (const f of fixtures) {
    const uri = `memfs:/project/${f.name}`;
    const updated = new Promise((resolve) => {
      const listener = api.onDidUpdateDiagnostics((u) => {
        if (u.toString() === uri) {
          listener.dispose();
          resolve();
        }
      });
    });
    const document = openDocument(uri, f.languageId, f.text);
    await updated;
    const diagnostics = (registered.collections[0].get(document.uri) || []).map((d) => ({ code: codeOf(d), severity: d.severity, line: d.range.start.line + 1, message: d.message }));
    const result = { diagnostics };
    const at = (needle) => {
      const offset = f.text.indexOf(needle);
      return offset < 0 ? undefined : document.positionAt(offset + 2);
    };
    const hoverAt = f.hoverAt && at(f.hoverAt);
    if (hoverAt) {
      const hovers = await Promise.all(registered.hover.filter((h) => vscode.languages.match(h.selector, document)).map((h) => h.provider.provideHover(document, hoverAt, token)));
      result.hover = hovers.filter(Boolean).map((h) => textOf(h.contents)).join('\n');
    }
    const completeAt = f.completeAt && at(f.completeAt);
    if (completeAt) {
      const lists = await Promise.all(registered.completion.map((c) => c.provider.provideCompletionItems(document, completeAt, token, { triggerKind: 0 })));
      result.completion = lists.flatMap((l) => (Array.isArray(l) ? l : (l && l.items) || [])).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    }
    const lenses = await Promise.all(registered.codeLens.map((c) => c.provider.provideCodeLenses(document, token)));
    result.codeLenses = lenses.flatMap((l) => l || []).map((l) => (l.command ? l.command.title : '(unresolved)'));
    const all = registered.collections[0].get(document.uri) || [];
    const actions = [];
    for (const d of all) {
      for (const c of registered.codeActions) {
        const found = await c.provider.provideCodeActions(document, d.range, { diagnostics: [d], only: undefined, triggerKind: 1 }, token);
        for (const a of found || []) actions.push({ code: codeOf(d), title: a.title, edits: a.edit ? a.edit.edits.length : 0 });
      }
    }
    result.quickFixes = actions;
    documents[f.name] = result;
  }

  // Check Who Can Assume on the first fixture, with the request given (no quick input here).
  const first = fixtures[0];
  const decision = await vscode.commands.executeCommand('iamTrust.checkWhoCanAssume', {
    uri: `memfs:/project/${first.name}`,
    request: { principal: { type: 'AWS', id: 'arn:aws:iam::999988887777:user/mallory' }, action: 'sts:AssumeRole' },
  });
  const explanation = registered.shown.map((d) => d.getText()).join('\n');
  // The language model tools that only read: lint one policy through the tool as an assistant would.
  const lintTool = registered.tools.get('iamTrust_lintTrustPolicy');
  const toolResult = lintTool ? await lintTool.invoke({ input: { policy: first.text }, toolInvocationToken: undefined }, token) : undefined;

  const commands = [...registered.commands.keys()].sort();
  const tools = [...registered.tools.keys()].sort();
  for (const d of context.subscriptions) d.dispose();
  return {
    required: [...new Set(required)],
    loadMs,
    activateMs,
    commands,
    tools,
    leftRegistered: [...registered.commands.keys(), ...registered.tools.keys()],
    documents,
    checkWhoCanAssume: { decision: decision && decision.decision, explanation },
    lintTool: toolResult ? toolResult.content.map((p) => p.value).join('\n') : undefined,
  };
}

self.onmessage = async ({ data }) => {
  const report = { globals: { require: typeof require, process: typeof process, Buffer: typeof Buffer, window: typeof window, importScripts: typeof importScripts } };
  try {
    report.engine = engine(data.fixtures);
    const code = await (await fetch('/dist/web/extension.js')).text();
    report.extension = await extension(data.fixtures, data.manifest, code);
  } catch (error) {
    report.error = `${error && error.stack ? error.stack : error}`;
  }
  self.postMessage(report);
};
