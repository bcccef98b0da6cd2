import type { Rule } from '../rule';

export const statementMissing: Rule = {
  meta: {
    code: 'statement-missing',
    severity: 'error',
    description: 'The policy has no statement: Statement is missing, empty, or not a list of objects.',
    rationale:
      'A trust policy is a JSON object whose Statement holds one or more statement objects. Without one, IAM rejects the document, or (with an empty list) nobody can ever assume the role.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": []
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
  },
  check({ model, reportAt }) {
    const root = model.parsed.root;
    // An empty or unparseable document is json-syntax's to report.
    if (!root) return;
    if (!model.root) {
      // A document that does not parse as an object (a missing opening brace): json-syntax says why.
      if (model.parsed.syntaxProblems.length === 0) reportAt(root, 'A trust policy is a JSON object with "Version" and "Statement"');
      return;
    }
    const element = model.elements.get('Statement');
    if (model.loneStatement) {
      reportAt(model.root, 'This is a statement, not a policy: IAM wants it inside one. Wrap it: {"Version": "2012-10-17", "Statement": [ … ]}');
      return;
    }
    if (!element) {
      reportAt(model.root, 'No "Statement": add a list of statements saying whom the role trusts');
      return;
    }
    const value = element.value;
    if (!value) return;
    if (value.type === 'array') {
      if ((value.children ?? []).length === 0) reportAt(value, 'Statement is empty: nobody can assume this role');
      for (const item of value.children ?? []) {
        if (item.type !== 'object') reportAt(item, 'Each statement must be a JSON object');
      }
    } else if (value.type !== 'object') {
      reportAt(value, 'Statement must be a list of statement objects (or one statement object)');
    }
  },
};
