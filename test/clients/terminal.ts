// A terminal's environment as VS Code builds it, for tests: the environment VS Code started
// with, then TerminalOptions.env of a terminal the extension opens (a null removes a variable),
// then the extensions' environment variable collections (replace/append/prepend at process
// creation; with applyAtShellIntegration, also handed to VS Code's shell integration script in
// VSCODE_ENV_REPLACE/PREPEND/APPEND, ':' escaped as \x3a, which exports them after the rc file).
// Mirrors VS Code 1.100's MergedEnvironmentVariableCollection.applyToProcessEnvironment and
// terminalEnvironment.mergeEnvironments (read in code-server's bundled workbench).
import type * as vscode from 'vscode';

type MutatorType = 'replace' | 'append' | 'prepend';
export interface FakeMutator {
  type: MutatorType;
  value: string;
  options: vscode.EnvironmentVariableMutatorOptions;
}

/** A GlobalEnvironmentVariableCollection in memory: what the extension does to it, readable by tests in `mutators`. */
export type FakeCollection = vscode.GlobalEnvironmentVariableCollection & { readonly mutators: Map<string, FakeMutator> };

export function fakeCollection(): FakeCollection {
  const mutators = new Map<string, FakeMutator>();
  const mutate = (type: MutatorType) => (name: string, value: string, options: vscode.EnvironmentVariableMutatorOptions = {}) => {
    mutators.set(name, { type, value, options });
  };
  const collection = {
    mutators,
    persistent: true,
    description: undefined as string | vscode.MarkdownString | undefined,
    replace: mutate('replace'),
    append: mutate('append'),
    prepend: mutate('prepend'),
    clear: () => mutators.clear(),
    delete: (name: string) => void mutators.delete(name),
    getScoped: () => collection,
  };
  return collection as unknown as FakeCollection;
}

const SHELL_INTEGRATION_NAMES: Record<MutatorType, string> = { replace: 'VSCODE_ENV_REPLACE', append: 'VSCODE_ENV_APPEND', prepend: 'VSCODE_ENV_PREPEND' };

/** The environment a new terminal's process starts with. */
export function terminalProcessEnvironment(
  start: Readonly<Record<string, string | undefined>>,
  collection: FakeCollection,
  terminalOptionsEnv: Record<string, string | null> = {},
): Record<string, string> {
  const env: Record<string, string | undefined> = { ...start };
  for (const [name, value] of Object.entries(terminalOptionsEnv)) {
    if (typeof value === 'string') env[name] = value;
    else delete env[name];
  }
  for (const [name, mutator] of collection.mutators) {
    if (mutator.options.applyAtProcessCreation ?? true) {
      if (mutator.type === 'replace') env[name] = mutator.value;
      else if (mutator.type === 'append') env[name] = (env[name] ?? '') + mutator.value;
      else env[name] = mutator.value + (env[name] ?? '');
    }
    if (mutator.options.applyAtShellIntegration ?? false) {
      const key = SHELL_INTEGRATION_NAMES[mutator.type];
      env[key] = (env[key] ? `${env[key]}:` : '') + `${name}=${mutator.value.replaceAll(':', '\\x3a')}`;
    }
  }
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
