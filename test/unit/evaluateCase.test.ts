import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, type AssumeRequest, type Decision } from '../../src/policy/evaluate/evaluate';
import { summarizeStatements } from '../../src/policy/evaluate/summarize';

// evaluate() and case, rule by rule (docs/evaluate.md): each table quotes the IAM documentation
// it follows. Expectations are written from the quotes, not from the implementation.

const ACCT = '111122223333';
const UG = 'https://docs.aws.amazon.com/IAM/latest/UserGuide';

interface CaseRule {
  rule: string;
  /** The documentation's words, and where they are. */
  quote: string;
  source: string;
  cases: Array<{ name: string; principal: Record<string, unknown> | '*'; request: AssumeRequest; decision: Decision; reason?: RegExp }>;
}

const aws = (id: string, context?: AssumeRequest['context']): AssumeRequest => ({ principal: { type: 'AWS', id }, action: 'sts:AssumeRole', ...(context ? { context } : {}) });
const service = (id: string): AssumeRequest => ({ principal: { type: 'Service', id }, action: 'sts:AssumeRole' });
const federated = (id: string, action = 'sts:AssumeRoleWithWebIdentity'): AssumeRequest => ({ principal: { type: 'Federated', id }, action });

const RULES: CaseRule[] = [
  {
    rule: 'IAM user names in Principal compare with their case',
    quote: 'In a Principal element, the user name part of the Amazon Resource Name (ARN) is case sensitive.',
    source: `${UG}/reference_policies_elements_principal.html#principal-users`,
    cases: [
      { name: 'user/alice does not admit user/Alice', principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` }, request: aws(`arn:aws:iam::${ACCT}:user/Alice`), decision: 'implicitDeny', reason: /differ only in case/ },
      { name: 'user/Alice does not admit user/alice', principal: { AWS: `arn:aws:iam::${ACCT}:user/Alice` }, request: aws(`arn:aws:iam::${ACCT}:user/alice`), decision: 'implicitDeny' },
      { name: 'the exact name admits the user', principal: { AWS: `arn:aws:iam::${ACCT}:user/Alice` }, request: aws(`arn:aws:iam::${ACCT}:user/Alice`), decision: 'allowed' },
      { name: 'a path is part of the name', principal: { AWS: `arn:aws:iam::${ACCT}:user/Ops/alice` }, request: aws(`arn:aws:iam::${ACCT}:user/ops/alice`), decision: 'implicitDeny' },
    ],
  },
  {
    rule: 'Service principals compare with their case',
    quote: 'Do not try to guess the service principal, because it is case-sensitive and the format can vary across AWS services.',
    source: `${UG}/id_roles_create_for-service.html`,
    cases: [
      { name: 'Lambda.amazonaws.com does not trust Lambda', principal: { Service: 'Lambda.amazonaws.com' }, request: service('lambda.amazonaws.com'), decision: 'implicitDeny', reason: /service principals are case-sensitive/ },
      { name: 'lambda.amazonaws.com is not matched by a mis-cased caller', principal: { Service: 'lambda.amazonaws.com' }, request: service('Lambda.AmazonAWS.com'), decision: 'implicitDeny' },
      { name: 'the exact principal trusts the service', principal: { Service: 'lambda.amazonaws.com' }, request: service('lambda.amazonaws.com'), decision: 'allowed' },
      { name: 'one of a list, exactly', principal: { Service: ['EC2.amazonaws.com', 'lambda.amazonaws.com'] }, request: service('ec2.amazonaws.com'), decision: 'implicitDeny' },
    ],
  },
  {
    rule: 'Role names compare with their case (the role and its sessions)',
    quote: 'When you assume a role using AWS STS API or AWS CLI, make sure to use the exact name of your role in the ARN. Role names are case sensitive when you assume a role.',
    source: `${UG}/troubleshoot_roles.html#troubleshoot_roles_cant-assume-role`,
    cases: [
      { name: 'role/deployer does not admit sessions of Deployer', principal: { AWS: `arn:aws:iam::${ACCT}:role/deployer` }, request: aws(`arn:aws:sts::${ACCT}:assumed-role/Deployer/build-1`), decision: 'implicitDeny', reason: /differ only in case/ },
      { name: 'role/deployer does not admit the role Deployer', principal: { AWS: `arn:aws:iam::${ACCT}:role/deployer` }, request: aws(`arn:aws:iam::${ACCT}:role/Deployer`), decision: 'implicitDeny' },
      { name: 'the exact name admits its sessions', principal: { AWS: `arn:aws:iam::${ACCT}:role/Deployer` }, request: aws(`arn:aws:sts::${ACCT}:assumed-role/Deployer/build-1`), decision: 'allowed' },
      { name: 'a role with a path admits its sessions (a session ARN has no path)', principal: { AWS: `arn:aws:iam::${ACCT}:role/ci/Deployer` }, request: aws(`arn:aws:sts::${ACCT}:assumed-role/Deployer/build-1`), decision: 'allowed' },
    ],
  },
  {
    rule: 'A session principal names exactly one session, with its case',
    quote: 'When you specify an assumed-role session in a Principal element, you cannot use a wildcard "*" to mean all sessions. Principals must always name a specific session.',
    source: `${UG}/reference_policies_elements_principal.html#principal-role-session`,
    cases: [
      { name: 'session Build-1 is not build-1', principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/Deployer/Build-1` }, request: aws(`arn:aws:sts::${ACCT}:assumed-role/Deployer/build-1`), decision: 'implicitDeny', reason: /differ only in case/ },
      { name: 'the exact session', principal: { AWS: `arn:aws:sts::${ACCT}:assumed-role/Deployer/build-1` }, request: aws(`arn:aws:sts::${ACCT}:assumed-role/Deployer/build-1`), decision: 'allowed' },
    ],
  },
  {
    rule: 'OIDC providers compare with their case',
    quote: 'The URL is case-sensitive.',
    source: `${UG}/id_roles_providers_create_oidc.html`,
    cases: [
      { name: 'the provider ARN with another case', principal: { Federated: `arn:aws:iam::${ACCT}:oidc-provider/token.actions.githubusercontent.com` }, request: federated(`arn:aws:iam::${ACCT}:oidc-provider/Token.Actions.GithubUserContent.com`), decision: 'implicitDeny', reason: /compared with their case/ },
      { name: 'a built-in provider name with another case', principal: { Federated: 'accounts.google.com' }, request: federated('Accounts.Google.com'), decision: 'implicitDeny' },
      { name: 'the exact provider', principal: { Federated: 'cognito-identity.amazonaws.com' }, request: federated('cognito-identity.amazonaws.com'), decision: 'allowed' },
    ],
  },
  {
    rule: 'SAML provider ARNs compare with their case, like every ARN',
    quote: 'ArnEquals, ArnLike: Case-sensitive matching of the ARN.',
    source: `${UG}/reference_policies_elements_condition_operators.html#Conditions_ARN`,
    cases: [
      { name: 'saml-provider/Okta is not saml-provider/okta', principal: { Federated: `arn:aws:iam::${ACCT}:saml-provider/Okta` }, request: federated(`arn:aws:iam::${ACCT}:saml-provider/okta`, 'sts:AssumeRoleWithSAML'), decision: 'implicitDeny' },
      { name: 'the exact provider', principal: { Federated: `arn:aws:iam::${ACCT}:saml-provider/Okta` }, request: federated(`arn:aws:iam::${ACCT}:saml-provider/Okta`, 'sts:AssumeRoleWithSAML'), decision: 'allowed' },
    ],
  },
  {
    rule: 'Account IDs are 12 digits and match exactly; partitions too',
    quote: 'For cross-account access, you must specify the 12-digit identifier of the trusted account.',
    source: `${UG}/reference_policies_elements_principal.html`,
    cases: [
      { name: 'the account admits its principals', principal: { AWS: ACCT }, request: aws(`arn:aws:iam::${ACCT}:user/alice`), decision: 'allowed' },
      { name: 'another account does not', principal: { AWS: ACCT }, request: aws('arn:aws:iam::111122223334:user/alice'), decision: 'implicitDeny' },
      { name: 'aws-cn is another partition', principal: { AWS: `arn:aws-cn:iam::${ACCT}:root` }, request: aws(`arn:aws:iam::${ACCT}:user/alice`), decision: 'implicitDeny' },
    ],
  },
];

describe('evaluate() and case (docs/evaluate.md)', () => {
  for (const rule of RULES) {
    describe(`${rule.rule} — "${rule.quote}" (${rule.source})`, () => {
      for (const c of rule.cases) {
        it(c.name, () => {
          const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: c.principal, Action: c.request.action }] };
          const result = evaluate(policy, c.request);
          assert.equal(result.decision, c.decision, result.statements[0]?.principalReason);
          if (c.reason) assert.match(result.statements[0]!.principalReason, c.reason);
        });
      }
    });
  }

  describe('aws:PrincipalArn of a role session — "For IAM roles, the request context returns the ARN of the role, not the ARN of the user that assumed the role." (' +
    `${UG}/reference_policies_condition-keys.html#condition-keys-principalarn); the role's ARN carries its path (${UG}/reference_identifiers.html#identifiers-arns), a session ARN does not`, () => {
    const SESSION = `arn:aws:sts::${ACCT}:assumed-role/AWSReservedSSO_Admin_0123456789abcdef/alice@example.com`;
    const ROLE_WITH_PATH = `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_0123456789abcdef`;
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_*` } } }],
    };

    it('derived from the session ARN it has no path, and the verdict says so', () => {
      const result = evaluate(policy, aws(SESSION));
      assert.equal(result.decision, 'implicitDeny');
      assert.match(result.statements[0]!.conditions[0]!.reason, /derived from the session ARN .* without the role's path.*give aws:PrincipalArn in the request/);
    });

    it('given in the request (with the path), it is taken as given and decides', () => {
      const result = evaluate(policy, aws(SESSION, { 'aws:PrincipalArn': ROLE_WITH_PATH }));
      assert.equal(result.decision, 'allowed');
      assert.doesNotMatch(result.statements[0]!.conditions[0]!.reason, /derived from the session ARN/);
    });

    it('ArnEquals on it is case-sensitive: role/deployer is not role/Deployer', () => {
      const exact = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: ACCT }, Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:role/deployer` } } }] };
      assert.equal(evaluate(exact, aws(`arn:aws:sts::${ACCT}:assumed-role/Deployer/s`)).decision, 'implicitDeny');
      assert.equal(evaluate(exact, aws(`arn:aws:sts::${ACCT}:assumed-role/deployer/s`)).decision, 'allowed');
    });
  });

  it('the code lens does not say a mis-cased service principal is trusted', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'Lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    const [summary] = summarizeStatements(text);
    assert.match(summary!.title, /^Trusts no service \(Lambda\.amazonaws\.com is mis-cased: service principals are case-sensitive\)/);
  });
});
