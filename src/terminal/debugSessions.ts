import * as vscode from 'vscode';
import { mergeDebugEnvironment, NULL_REMOVES_VARIABLE } from '../session/debugEnvironment';
import type { SessionState } from '../session/sessionState';
import type { SessionEnvironment } from './sessionEnvironment';

/**
 * Launch configurations of every debug type get the live session's terminal variables in
 * `env` (what the configuration sets itself wins). Attach configurations, and everything while
 * no session is live, are left as they are.
 */
export function registerDebugSessionEnvironment(state: SessionState, environment: Pick<SessionEnvironment, 'variables'>): vscode.Disposable {
  return vscode.debug.registerDebugConfigurationProvider('*', {
    resolveDebugConfiguration(_folder, configuration) {
      const variables = environment.variables;
      if (!state.live || !variables || configuration.request !== 'launch') return configuration;
      const env = mergeDebugEnvironment(configuration.env, variables, { nullRemoves: NULL_REMOVES_VARIABLE.has(configuration.type), caseInsensitive: process.platform === 'win32' });
      return { ...configuration, env };
    },
  });
}
