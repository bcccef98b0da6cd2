import { parseTree, type Node } from 'jsonc-parser';

const TRUST_ACTION = /^sts:(AssumeRole|AssumeRoleWith|TagSession|SetSourceIdentity|SetContext|\*)/i;

/**
 * Whether JSON text is a role trust policy rather than some other JSON: an object with a
 * Statement whose statements allow sts:AssumeRole* (or the other trust actions), or name a
 * Principal without a Resource. Comments and trailing commas are tolerated here, since the
 * linter reports them.
 */
export function looksLikeTrustPolicy(text: string): boolean {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{')) return false;
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (root?.type !== 'object') return false;
  const statement = property(root, 'Statement');
  const statements = statement?.type === 'array' ? (statement.children ?? []) : statement?.type === 'object' ? [statement] : [];
  return statements.some((s) => {
    if (s.type !== 'object') return false;
    const action = property(s, 'Action') ?? property(s, 'NotAction');
    const actions = action?.type === 'array' ? (action.children ?? []) : action ? [action] : [];
    if (actions.some((a) => a.type === 'string' && TRUST_ACTION.test(String(a.value)))) return true;
    const hasPrincipal = property(s, 'Principal') !== undefined || property(s, 'NotPrincipal') !== undefined;
    const hasResource = property(s, 'Resource') !== undefined || property(s, 'NotResource') !== undefined;
    return hasPrincipal && !hasResource;
  });
}

function property(object: Node, name: string): Node | undefined {
  for (const p of object.children ?? []) {
    if (p.children?.[0]?.value === name) return p.children[1] ?? p.children[0];
  }
  return undefined;
}
