// A stand-in for the `vscode` module inside a plain Web Worker (test/web/worker.js), just large
// enough for dist/web/extension.js to activate and for its providers to be called: the classes
// the language features construct (Range, Diagnostic, Hover, CodeAction …), event emitters,
// configuration defaults read from package.json, and registries that record what the extension
// registers. It is not VS Code: it shows that the browser bundle loads, activates and lints with
// no Node underneath; the behaviour in the real editor is tested through code-server (test/vscode)
// and, on a machine with internet access, VS Code for the Web (npm run test:web).
/* eslint-disable */
self.createVscodeShim = function createVscodeShim(manifest) {
  class Disposable {
    constructor(fn) { this._fn = fn; }
    static from(...items) { return new Disposable(() => items.forEach((i) => i && i.dispose && i.dispose())); }
    dispose() { if (this._fn) this._fn(); this._fn = undefined; }
  }
  class EventEmitter {
    constructor() { this.listeners = new Set(); this.event = (listener, thisArg) => { const l = listener.bind(thisArg); this.listeners.add(l); return new Disposable(() => this.listeners.delete(l)); }; }
    fire(value) { for (const l of [...this.listeners]) l(value); }
    dispose() { this.listeners.clear(); }
  }
  class Position {
    constructor(line, character) { this.line = line; this.character = character; }
    isBefore(o) { return this.line < o.line || (this.line === o.line && this.character < o.character); }
    isAfter(o) { return o.isBefore(this); }
    isEqual(o) { return this.line === o.line && this.character === o.character; }
    compareTo(o) { return this.isBefore(o) ? -1 : this.isEqual(o) ? 0 : 1; }
    translate(dl = 0, dc = 0) { return new Position(this.line + dl, this.character + dc); }
    with(line = this.line, character = this.character) { return new Position(line, character); }
  }
  class Range {
    constructor(a, b, c, d) {
      if (typeof a === 'number') { this.start = new Position(a, b); this.end = new Position(c, d); }
      else { this.start = a; this.end = b; }
    }
    get isEmpty() { return this.start.isEqual(this.end); }
    contains(x) { const s = x instanceof Range ? x.start : x; const e = x instanceof Range ? x.end : x; return !s.isBefore(this.start) && !this.end.isBefore(e); }
    intersection(o) { const s = this.start.isBefore(o.start) ? o.start : this.start; const e = this.end.isBefore(o.end) ? this.end : o.end; return e.isBefore(s) ? undefined : new Range(s, e); }
    isEqual(o) { return this.start.isEqual(o.start) && this.end.isEqual(o.end); }
    with(start = this.start, end = this.end) { return new Range(start, end); }
  }
  class Uri {
    constructor(scheme, authority, path, query, fragment) { Object.assign(this, { scheme, authority, path, query, fragment }); }
    static parse(text) { const m = /^([a-z][\w+.-]*):(?:\/\/([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?$/i.exec(text); return new Uri(m[1], m[2] || '', decodeURIComponent(m[3]), m[4] || '', m[5] || ''); }
    static file(path) { return new Uri('file', '', path, '', ''); }
    static from(c) { return new Uri(c.scheme, c.authority || '', c.path || '', c.query || '', c.fragment || ''); }
    static joinPath(base, ...parts) { return base.with({ path: [base.path.replace(/\/$/, ''), ...parts].join('/') }); }
    get fsPath() { return this.path; }
    with(change) { return new Uri(change.scheme ?? this.scheme, change.authority ?? this.authority, change.path ?? this.path, change.query ?? this.query, change.fragment ?? this.fragment); }
    toString() { return `${this.scheme}:${this.authority || this.scheme === 'file' ? `//${this.authority}` : ''}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`; }
    toJSON() { return this.toString(); }
  }
  const enumOf = (...names) => Object.fromEntries(names.map((n, i) => [n, i]));
  const DiagnosticSeverity = enumOf('Error', 'Warning', 'Information', 'Hint');
  class Diagnostic { constructor(range, message, severity = 0) { Object.assign(this, { range, message, severity }); } }
  class DiagnosticRelatedInformation { constructor(location, message) { Object.assign(this, { location, message }); } }
  class Location { constructor(uri, range) { Object.assign(this, { uri, range }); } }
  class MarkdownString {
    constructor(value = '') { this.value = value; }
    appendMarkdown(v) { this.value += v; return this; }
    appendText(v) { this.value += v; return this; }
    appendCodeblock(v, lang = '') { this.value += `\n\`\`\`${lang}\n${v}\n\`\`\`\n`; return this; }
  }
  class Hover { constructor(contents, range) { this.contents = Array.isArray(contents) ? contents : [contents]; this.range = range; } }
  class CompletionItem { constructor(label, kind) { Object.assign(this, { label, kind }); } }
  class SnippetString {
    constructor(value = '') { this.value = value; this.n = 1; }
    appendText(t) { this.value += t.replace(/[$}\\]/g, '\\$&'); return this; }
    appendTabstop(n = this.n++) { this.value += `$${n}`; return this; }
    appendPlaceholder(v, n = this.n++) { this.value += `\${${n}:${typeof v === 'function' ? '' : v}}`; return this; }
    appendChoice(values, n = this.n++) { this.value += `\${${n}|${values.join(',')}|}`; return this; }
    appendVariable(name, d) { this.value += `\${${name}${d ? `:${d}` : ''}}`; return this; }
  }
  class CodeLens { constructor(range, command) { Object.assign(this, { range, command }); } }
  class CodeActionKind { constructor(value) { this.value = value; } append(p) { return new CodeActionKind(`${this.value}.${p}`); } }
  CodeActionKind.QuickFix = new CodeActionKind('quickfix');
  CodeActionKind.Empty = new CodeActionKind('');
  class CodeAction { constructor(title, kind) { Object.assign(this, { title, kind }); } }
  class WorkspaceEdit {
    constructor() { this.edits = []; }
    replace(uri, range, newText) { this.edits.push({ uri, range, newText }); }
    insert(uri, position, newText) { this.edits.push({ uri, range: new Range(position, position), newText }); }
    delete(uri, range) { this.edits.push({ uri, range, newText: '' }); }
    set(uri, edits) { for (const e of edits) this.edits.push({ uri, ...e }); }
    size() { return this.edits.length; }
  }
  class SnippetTextEdit { constructor(range, snippet) { Object.assign(this, { range, snippet }); } }
  class LanguageModelTextPart { constructor(value) { this.value = value; } }
  class LanguageModelToolResult { constructor(content) { this.content = content; } }

  /** A text document over a string, with VS Code's offset and position arithmetic. */
  class TextDocument {
    constructor(uri, languageId, text) { Object.assign(this, { uri, languageId, text, version: 1, isClosed: false, eol: 1, isDirty: false }); }
    get fileName() { return this.uri.path; }
    get lineStarts() { const s = [0]; for (let i = 0; i < this.text.length; i++) if (this.text[i] === '\n') s.push(i + 1); return s; }
    get lineCount() { return this.lineStarts.length; }
    positionAt(offset) { const o = Math.max(0, Math.min(offset, this.text.length)); const s = this.lineStarts; let line = 0; while (line + 1 < s.length && s[line + 1] <= o) line++; return new Position(line, o - s[line]); }
    offsetAt(p) { const s = this.lineStarts; const line = Math.max(0, Math.min(p.line, s.length - 1)); const end = line + 1 < s.length ? s[line + 1] - 1 : this.text.length; return Math.min(s[line] + p.character, end); }
    lineAt(lineOrPos) { const line = typeof lineOrPos === 'number' ? lineOrPos : lineOrPos.line; const s = this.lineStarts; const end = line + 1 < s.length ? s[line + 1] - 1 : this.text.length; const text = this.text.slice(s[line], end); return { lineNumber: line, text, range: new Range(line, 0, line, text.length), isEmptyOrWhitespace: !text.trim() }; }
    getText(range) { return range ? this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text; }
    getWordRangeAtPosition(p) { const line = this.lineAt(p.line).text; let s = p.character, e = p.character; while (s > 0 && /[\w:.*-]/.test(line[s - 1])) s--; while (e < line.length && /[\w:.*-]/.test(line[e])) e++; return s === e ? undefined : new Range(p.line, s, p.line, e); }
    validateRange(r) { return r; }
    validatePosition(p) { return p; }
  }

  // Configuration: the defaults package.json declares, as VS Code would answer them.
  const defaults = {};
  for (const [key, schema] of Object.entries(manifest.contributes.configuration.properties)) defaults[key] = schema.default;
  const configuration = (section) => ({
    get: (key, fallback) => { const full = section ? `${section}.${key}` : key; return full in defaults ? defaults[full] : fallback; },
    has: (key) => `${section}.${key}` in defaults,
    inspect: () => undefined,
    update: async () => undefined,
  });

  const events = {
    open: new EventEmitter(), close: new EventEmitter(), change: new EventEmitter(), save: new EventEmitter(),
    config: new EventEmitter(), diagnostics: new EventEmitter(), terminal: new EventEmitter(),
  };
  const registered = { commands: new Map(), hover: [], completion: [], codeLens: [], codeActions: [], tools: new Map(), collections: [], contentProviders: new Map(), contexts: new Map(), shown: [] };
  const documents = [];
  const noop = () => new Disposable(() => undefined);

  const globToRegExp = (glob) => new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*\//g, '\u0000').replace(/\*/g, '[^/]*').replace(/\u0000/g, '(?:.*/)?')}$`);
  const matchesOne = (s, d) => typeof s === 'string' ? s === d.languageId
    : (!s.language || s.language === d.languageId) && (!s.scheme || s.scheme === d.uri.scheme) && (!s.pattern || globToRegExp(s.pattern).test(d.uri.path));
  const matches = (selector, document) => (Array.isArray(selector) ? selector : [selector]).some((s) => matchesOne(s, document));

  const vscode = {
    version: '1.100.0-web-worker-shim',
    Disposable, EventEmitter, Position, Range, Uri, Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation, Location, MarkdownString,
    Hover, CompletionItem, CompletionItemKind: enumOf('Text', 'Method', 'Function', 'Constructor', 'Field', 'Variable', 'Class', 'Interface', 'Module', 'Property', 'Unit', 'Value', 'Enum', 'Keyword', 'Snippet', 'Color', 'File', 'Reference', 'Folder', 'EnumMember', 'Constant', 'Struct', 'Event', 'Operator', 'TypeParameter'),
    SnippetString, CodeLens, CodeActionKind, CodeAction, WorkspaceEdit, SnippetTextEdit, LanguageModelTextPart, LanguageModelToolResult,
    EndOfLine: { LF: 1, CRLF: 2 }, ViewColumn: { Active: -1, Beside: -2, One: 1 }, ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 }, QuickInputButtons: { Back: { id: 'back' } },
    l10n: { t: (message, ...args) => String(message).replace(/\{(\d+)\}/g, (_, i) => String(args[i])) },
    commands: {
      registerCommand: (id, handler) => { registered.commands.set(id, handler); return new Disposable(() => registered.commands.delete(id)); },
      executeCommand: async (id, ...args) => { if (id === 'setContext') { registered.contexts.set(args[0], args[1]); return; } const h = registered.commands.get(id); if (!h) throw new Error(`command '${id}' not found`); return h(...args); },
      getCommands: async () => [...registered.commands.keys()],
    },
    languages: {
      createDiagnosticCollection: (name) => {
        const entries = new Map();
        const collection = {
          name, entries,
          set: (uri, diagnostics) => { entries.set(uri.toString(), diagnostics || []); events.diagnostics.fire({ uris: [uri] }); },
          delete: (uri) => { entries.delete(uri.toString()); events.diagnostics.fire({ uris: [uri] }); },
          get: (uri) => entries.get(uri.toString()),
          has: (uri) => entries.has(uri.toString()),
          clear: () => entries.clear(),
          forEach: (fn) => entries.forEach((d, u) => fn(Uri.parse(u), d)),
          dispose: () => entries.clear(),
        };
        registered.collections.push(collection);
        return collection;
      },
      getDiagnostics: (uri) => registered.collections.flatMap((c) => c.get(uri) || []),
      onDidChangeDiagnostics: events.diagnostics.event,
      registerHoverProvider: (selector, provider) => { registered.hover.push({ selector, provider }); return noop(); },
      registerCompletionItemProvider: (selector, provider) => { registered.completion.push({ selector, provider }); return noop(); },
      registerCodeLensProvider: (selector, provider) => { registered.codeLens.push({ selector, provider }); return noop(); },
      registerCodeActionsProvider: (selector, provider) => { registered.codeActions.push({ selector, provider }); return noop(); },
      match: (selector, document) => (matches(selector, document) ? 10 : 0),
    },
    workspace: {
      textDocuments: documents,
      workspaceFolders: undefined,
      getWorkspaceFolder: () => undefined,
      getConfiguration: configuration,
      onDidOpenTextDocument: events.open.event,
      onDidCloseTextDocument: events.close.event,
      onDidChangeTextDocument: events.change.event,
      onDidSaveTextDocument: events.save.event,
      onDidChangeConfiguration: events.config.event,
      createFileSystemWatcher: () => ({ onDidCreate: noop, onDidChange: noop, onDidDelete: noop, dispose() {} }),
      registerTextDocumentContentProvider: (scheme, provider) => { registered.contentProviders.set(scheme, provider); return new Disposable(() => registered.contentProviders.delete(scheme)); },
      openTextDocument: async (uri) => {
        const open = documents.find((d) => d.uri.toString() === uri.toString());
        if (open) return open;
        const provider = registered.contentProviders.get(uri.scheme);
        if (!provider) throw new Error(`cannot open ${uri}`);
        return new TextDocument(uri, uri.path.endsWith('.md') ? 'markdown' : 'plaintext', provider.provideTextDocumentContent(uri));
      },
      asRelativePath: (uri) => (typeof uri === 'string' ? uri : uri.path),
      findFiles: async () => [],
      fs: {
        isWritableFileSystem: (scheme) => (scheme === 'memfs' ? true : undefined),
        stat: async () => { throw new Error('FileNotFound'); },
        readFile: async () => { throw new Error('FileNotFound'); },
      },
    },
    window: {
      activeTextEditor: undefined,
      visibleTextEditors: [],
      onDidOpenTerminal: events.terminal.event,
      showInformationMessage: async () => undefined,
      showWarningMessage: async () => undefined,
      showErrorMessage: async () => undefined,
      showQuickPick: async () => undefined,
      showTextDocument: async (document) => { registered.shown.push(document); return { document }; },
      withProgress: async (_options, task) => task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: noop }),
      createQuickPick: () => { throw new Error('no quick input in the worker test'); },
      createInputBox: () => { throw new Error('no quick input in the worker test'); },
    },
    lm: { registerTool: (name, tool) => { registered.tools.set(name, tool); return new Disposable(() => registered.tools.delete(name)); } },
  };

  /** Opens a document as VS Code does: it joins workspace.textDocuments, then onDidOpenTextDocument fires. */
  function openDocument(uriText, languageId, text) {
    const document = new TextDocument(Uri.parse(uriText), languageId, text);
    documents.push(document);
    events.open.fire(document);
    return document;
  }

  return { vscode, registered, openDocument, TextDocument };
};
