import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTrustGraph, describePath, MAX_GRAPH_ROLES, reachableFrom, whoCanReach, type GraphRole, type Reach } from '../../src/policy/evaluate/trustGraph';

const A = '111111111111';
const B = '222222222222';
const OUT = '999999999999';
const role = (account: string, name: string) => `arn:aws:iam::${account}:role/${name}`;
const allow = (principal: unknown, extra: object = {}) => ({ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra });
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const zone = { accounts: [A, B], organizationId: 'o-abcdefghij' };

/** Each reach as `principal: value → value …` (the values of every step's end). */
const chains = (reaches: Reach[]) => reaches.map((r) => `${r.principal.value}: ${r.path.map((s) => s.to.value).join(' → ')}${r.outside ? ' (outside)' : ''}`).sort();

describe('trust graph: who can reach a role', () => {
  const cases: Array<{ name: string; roles: GraphRole[]; target: string; expected: string[] }> = [
    {
      name: 'direct principals',
      roles: [{ arn: role(A, 'Admin'), trustPolicy: policy(allow({ AWS: `arn:aws:iam::${A}:user/alice`, Service: 'ec2.amazonaws.com' })) }],
      target: role(A, 'Admin'),
      expected: [`arn:aws:iam::${A}:user/alice: ${role(A, 'Admin')}`, `ec2.amazonaws.com: ${role(A, 'Admin')}`],
    },
    {
      name: 'a chain through another role (A trusts B, B trusts user C)',
      roles: [
        { arn: role(A, 'Target'), trustPolicy: policy(allow({ AWS: role(B, 'Hop') })) },
        { arn: role(B, 'Hop'), trustPolicy: policy(allow({ AWS: `arn:aws:iam::${B}:user/carol` })) },
      ],
      target: role(A, 'Target'),
      expected: [`${role(B, 'Hop')}: ${role(A, 'Target')}`, `arn:aws:iam::${B}:user/carol: ${role(B, 'Hop')} → ${role(A, 'Target')}`],
    },
    {
      name: 'a cycle ends where it began',
      roles: [
        { arn: role(A, 'One'), trustPolicy: policy(allow({ AWS: role(A, 'Two') })) },
        { arn: role(A, 'Two'), trustPolicy: policy(allow({ AWS: role(A, 'One') })) },
      ],
      target: role(A, 'One'),
      expected: [`${role(A, 'Two')}: ${role(A, 'One')}`],
    },
    {
      name: 'a public role is an entry point outside the zone, and so is everything behind it',
      roles: [
        { arn: role(A, 'Deep'), trustPolicy: policy(allow({ AWS: role(A, 'Open') })) },
        { arn: role(A, 'Open'), trustPolicy: policy(allow('*')) },
      ],
      target: role(A, 'Deep'),
      expected: [`${role(A, 'Open')}: ${role(A, 'Deep')}`, `*: ${role(A, 'Open')} → ${role(A, 'Deep')} (outside)`],
    },
    {
      name: 'another account outside the zone is outside; one inside is not',
      roles: [{ arn: role(A, 'X'), trustPolicy: policy(allow({ AWS: [`arn:aws:iam::${OUT}:root`, `arn:aws:iam::${B}:root`] })) }],
      target: role(A, 'X'),
      expected: [`${B}: ${role(A, 'X')}`, `${OUT}: ${role(A, 'X')} (outside)`],
    },
    {
      name: 'a role that trusts an account is reached by that account\'s roles',
      roles: [
        { arn: role(A, 'Shared'), trustPolicy: policy(allow({ AWS: B })) },
        { arn: role(B, 'Worker'), trustPolicy: policy(allow({ Service: 'lambda.amazonaws.com' })) },
      ],
      target: role(A, 'Shared'),
      expected: [`${B}: ${role(A, 'Shared')}`, `${role(B, 'Worker')}: ${B} → ${role(A, 'Shared')}`, `lambda.amazonaws.com: ${role(B, 'Worker')} → ${B} → ${role(A, 'Shared')}`],
    },
    {
      name: 'a Deny without condition removes the principal; Allow statements without an assume action add none',
      roles: [
        {
          arn: role(A, 'Guarded'),
          trustPolicy: policy(allow({ AWS: [`arn:aws:iam::${A}:user/mallory`, `arn:aws:iam::${A}:user/bob`] }), { Effect: 'Deny', Principal: { AWS: `arn:aws:iam::${A}:user/mallory` }, Action: 'sts:*' }, { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:user/tagger` }, Action: 'sts:TagSession' }),
        },
      ],
      target: role(A, 'Guarded'),
      expected: [`arn:aws:iam::${A}:user/bob: ${role(A, 'Guarded')}`],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = whoCanReach(buildTrustGraph(c.roles, zone), c.target);
      assert.deepEqual(chains(result.reaches), [...c.expected].sort());
    });
  }

  it('keeps conditions as written and names the statement, and a Deny with conditions beside it', () => {
    const roles = [
      {
        arn: role(A, 'Vendor'),
        trustPolicy: policy(
          allow({ AWS: `arn:aws:iam::${OUT}:root` }, { Sid: 'Vendor', Condition: { StringEquals: { 'sts:ExternalId': 'ext-1' } } }),
          { Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ),
      },
    ];
    const [reach] = whoCanReach(buildTrustGraph(roles, zone), role(A, 'Vendor')).reaches;
    const edge = reach!.path[0]!.edge!;
    assert.deepEqual(edge.admittedBy.map((a) => ({ index: a.index, sid: a.sid, conditions: a.conditions.map((x) => x.text), actions: a.actions })), [
      { index: 0, sid: 'Vendor', conditions: ['StringEquals sts:ExternalId: "ext-1"'], actions: ['sts:AssumeRole'] },
    ]);
    assert.deepEqual(edge.deniedIf.map((d) => d.conditions.map((x) => x.text)), [['Bool aws:SecureTransport: "false"']]);
    assert.equal(edge.outside, true);
    assert.deepEqual(describePath(reach!.path), [
      `→ ${role(A, 'Vendor')} [from outside the zone of trust]`,
      '    statement 1 (Vendor) allows sts:AssumeRole if',
      '      StringEquals sts:ExternalId: "ext-1"',
      '    but statement 2 denies it if',
      '      Bool aws:SecureTransport: "false"',
    ]);
  });

  it('"*" pinned to the organisation by aws:PrincipalOrgID is inside the zone, with the condition shown', () => {
    const roles = [{ arn: role(A, 'Org'), trustPolicy: policy(allow('*', { Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abcdefghij' } } })) }];
    const [reach] = whoCanReach(buildTrustGraph(roles, zone), role(A, 'Org')).reaches;
    assert.equal(reach!.outside, false);
    assert.equal(reach!.path[0]!.edge!.pinnedBy, 'StringEquals aws:PrincipalOrgID: "o-abcdefghij"');
    // Another organisation does not pin it.
    const other = whoCanReach(buildTrustGraph(roles, { accounts: [A] }), role(A, 'Org')).reaches[0]!;
    assert.equal(other.outside, true);
  });

  it('a session ARN admits that session of its role only, and says so', () => {
    const roles = [
      { arn: role(A, 'T'), trustPolicy: policy(allow({ AWS: `arn:aws:sts::${A}:assumed-role/Ops/alice` })) },
      { arn: role(A, 'Ops'), trustPolicy: policy(allow({ AWS: `arn:aws:iam::${A}:user/alice` })) },
    ];
    const result = whoCanReach(buildTrustGraph(roles, zone), role(A, 'T'));
    assert.deepEqual(chains(result.reaches), [`${role(A, 'Ops')}: ${role(A, 'T')}`, `arn:aws:iam::${A}:user/alice: ${role(A, 'Ops')} → ${role(A, 'T')}`]);
    assert.match(result.reaches.find((r) => r.principal.kind === 'role')!.path[0]!.edge!.admittedBy[0]!.only!, /session alice only/);
  });

  it('an unknown role is said to be unknown', () => {
    const result = whoCanReach(buildTrustGraph([], zone), role(A, 'Nope'));
    assert.equal(result.subject, undefined);
    assert.match(result.notes.join('\n'), /not among the roles read/);
  });
});

describe('trust graph: what a principal can reach', () => {
  const roles: GraphRole[] = [
    { arn: role(A, 'Hop'), trustPolicy: policy(allow({ AWS: `arn:aws:iam::${A}:user/carol` })) },
    { arn: role(A, 'Next'), trustPolicy: policy(allow({ AWS: role(A, 'Hop') }, { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })) },
    { arn: role(B, 'ByAccount'), trustPolicy: policy(allow({ AWS: `arn:aws:iam::${A}:root` })) },
    { arn: role(B, 'Public'), trustPolicy: policy(allow({ AWS: '*' })) },
    { arn: role(B, 'Unrelated'), trustPolicy: policy(allow({ Service: 'ec2.amazonaws.com' })) },
  ];
  const graph = buildTrustGraph(roles, zone);

  it('follows chains, account trust and "*", with each path', () => {
    const result = reachableFrom(graph, `arn:aws:iam::${A}:user/carol`);
    assert.deepEqual(chains(result.reaches), [
      `${role(A, 'Hop')}: ${role(A, 'Hop')}`,
      `${role(A, 'Next')}: ${role(A, 'Hop')} → ${role(A, 'Next')}`,
      `${role(B, 'ByAccount')}: ${A} → ${role(B, 'ByAccount')}`,
      `${role(B, 'Public')}: * → ${role(B, 'Public')} (outside)`,
    ]);
    const next = result.reaches.find((r) => r.principal.value === role(A, 'Next'))!;
    assert.deepEqual(next.path[1]!.edge!.admittedBy[0]!.conditions.map((c) => c.text), ['Bool aws:MultiFactorAuthPresent: "true"']);
  });

  it('takes a service or "*" as the start', () => {
    assert.deepEqual(chains(reachableFrom(graph, 'ec2.amazonaws.com').reaches), [`${role(B, 'Public')}: * → ${role(B, 'Public')} (outside)`, `${role(B, 'Unrelated')}: ${role(B, 'Unrelated')}`]);
    assert.deepEqual(chains(reachableFrom(graph, '*').reaches), [`${role(B, 'Public')}: ${role(B, 'Public')} (outside)`]);
    assert.equal(reachableFrom(graph, 'not a principal').subject, undefined);
  });
});

describe('trust graph: bounds', () => {
  it(`keeps at most ${MAX_GRAPH_ROLES} roles and a long chain is walked once`, () => {
    const n = MAX_GRAPH_ROLES + 5;
    // Role i trusts role i+1, and the last trusts the first: one cycle through every role.
    const roles = Array.from({ length: n }, (_, i) => ({ arn: role(A, `R${i}`), trustPolicy: policy(allow({ AWS: role(A, `R${(i + 1) % MAX_GRAPH_ROLES}`) })) }));
    const graph = buildTrustGraph(roles, zone);
    assert.match(graph.notes[0]!, /only the first 10000/);
    const result = whoCanReach(graph, role(A, 'R0'));
    assert.equal(result.reaches.length, MAX_GRAPH_ROLES - 1);
    assert.equal(Math.max(...result.reaches.map((r) => r.path.length)), MAX_GRAPH_ROLES - 1);
  });
});
