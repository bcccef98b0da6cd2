/** A role's trust policy as a document: where it lives in the iam-role: file system, and how it is shown. */
export interface RoleRef {
  account: string;
  roleName: string;
}

const FILE_NAME = 'trust-policy.json';

/** `/<account>/<RoleName>/trust-policy.json` */
export function roleDocumentPath(ref: RoleRef): string {
  return `/${ref.account}/${ref.roleName}/${FILE_NAME}`;
}

export function parseRoleDocumentPath(path: string): RoleRef | undefined {
  const match = /^\/(\d{12})\/([\w+=,.@-]{1,64})\/trust-policy\.json$/.exec(path);
  return match ? { account: match[1]!, roleName: match[2]! } : undefined;
}

/** The account and name of a role ARN (a path before the name is not part of the document's address). */
export function roleRefFromArn(roleArn: string): RoleRef | undefined {
  const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,64})$/.exec(roleArn.trim());
  return match ? { account: match[1]!, roleName: match[2]! } : undefined;
}

/** The policy as the editor shows it: two-space JSON with a final newline; anything unparseable as it is. */
export function formatPolicy(text: string): string {
  try {
    return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
  } catch {
    return text;
  }
}

/** Whether two policy texts say the same thing (whitespace and formatting aside). */
export function samePolicy(a: string, b: string): boolean {
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return a.trim() === b.trim();
  }
}

/** What IAM receives: the policy without the editor's indentation (the size quota counts characters). */
export function compactPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
