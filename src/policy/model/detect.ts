import { items, objectElements } from './model';
import { parsePolicy } from '../syntax/parse';

const TRUST_ACTION = /^sts:(AssumeRole|AssumeRoleWith|TagSession|SetSourceIdentity|SetContext|\*)/i;

/**
 * Whether JSON text is a role trust policy rather than some other JSON: an object with a
 * Statement whose statements allow sts:AssumeRole* (or the other trust actions), or name a
 * Principal without a Resource. Comments and trailing commas are tolerated here, since the
 * linter reports them; so is nesting of any depth (the parser cuts what is too deep).
 */
export function looksLikeTrustPolicy(text: string): boolean {
  if (!text.trimStart().startsWith('{')) return false;
  const { root } = parsePolicy(text);
  const statement = objectElements(root).get('Statement')?.value;
  const statements = statement?.type === 'array' ? (statement.children ?? []) : statement ? [statement] : [];
  return statements.some((node) => {
    const elements = objectElements(node);
    const actions = [...items(elements.get('Action')?.value), ...items(elements.get('NotAction')?.value)];
    if (actions.some((a) => a.kind === 'string' && TRUST_ACTION.test(a.value))) return true;
    const hasPrincipal = elements.has('Principal') || elements.has('NotPrincipal');
    const hasResource = elements.has('Resource') || elements.has('NotResource');
    return hasPrincipal && !hasResource;
  });
}
