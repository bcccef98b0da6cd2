// A small evaluator of VS Code `when` clauses (!, &&, ||, parentheses, ==, !=, bare keys, true/
// false), enough for the clauses of our package.json: test/web/run-worker.mjs asks which
// contributed commands and tools the palette shows on vscode.dev (isWeb, no remoteName).

/** Whether `clause` holds in `context` (a missing key is undefined, so falsy). */
export function evaluateWhen(clause, context) {
  const tokens = clause.match(/\(|\)|&&|\|\||!=|==|!|[^\s()!&|=]+/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const value = (name) => (name === 'true' ? true : name === 'false' ? false : context[name]);
  const primary = () => {
    const token = tokens[i++];
    if (token === '!') return !primary();
    if (token === '(') {
      const inner = or();
      if (tokens[i++] !== ')') throw new Error(`unbalanced parentheses in when clause: ${clause}`);
      return inner;
    }
    if (peek() === '==' || peek() === '!=') {
      const op = tokens[i++];
      const right = tokens[i++].replace(/^'(.*)'$/, '$1');
      const equal = String(value(token) ?? '') === right;
      return op === '==' ? equal : !equal;
    }
    return Boolean(value(token));
  };
  const and = () => {
    let result = primary();
    while (peek() === '&&') {
      i++;
      result = primary() && result;
    }
    return result;
  };
  const or = () => {
    let result = and();
    while (peek() === '||') {
      i++;
      result = and() || result;
    }
    return result;
  };
  const result = or();
  if (i !== tokens.length) throw new Error(`cannot read when clause: ${clause}`);
  return result;
}
