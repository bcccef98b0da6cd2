import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { sigV4Signature, startLocalAws, type LocalAws } from '../../local-aws/server';

// Requests exactly as real clients sent them (captured on 2026-12-01 with a dumping HTTP server
// as the endpoint, access key AKIAALICE00000000000, secret "alice-secret"):
//   `aws sts get-caller-identity` and `aws iam get-role --role-name 'Dep loy'`, Debian's awscli 2.9.19;
//   boto3 1.26.27 / botocore 1.29.27 (Debian's python3-boto3) get_caller_identity() with AWS_SESSION_TOKEN=tok/en+x=.
// botocore signs content-type (with "; charset=utf-8") and no x-amz-content-sha256; the local
// endpoint used to re-sign them with the JS SDK's signer, which adds that header, and refused
// every one with SignatureDoesNotMatch.
const captured = {
  cliGetCallerIdentity: {
    headers: {
      host: '127.0.0.1:34761',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-date': '20261201T155753Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAALICE00000000000/20261201/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=93925f26e8000478f5d89114e32aad1a3907a0eb4df34818216f3b269a757a8d',
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  },
  cliGetRole: {
    headers: {
      host: '127.0.0.1:34761',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-date': '20261201T155757Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAALICE00000000000/20261201/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=aab7a76431a1487b49101a5606b6254010560ee841d2744dea33806a8e97ff9a',
    },
    body: 'Action=GetRole&Version=2010-05-08&RoleName=Dep+loy',
  },
  boto3WithToken: {
    headers: {
      host: '127.0.0.1:34761',
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'x-amz-security-token': 'tok/en+x=',
      'x-amz-date': '20261201T155806Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIAALICE00000000000/20261201/us-east-1/sts/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=2ede66aab4dde1912e3e82132a61f172baba594a772807a420d70a6e2e08d1af',
    },
    body: 'Action=GetCallerIdentity&Version=2011-06-15',
  },
};

function post(endpoint: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(endpoint, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const code = (xml: string) => /<Code>([^<]+)<\/Code>/.exec(xml)?.[1];

describe('local endpoint: SigV4 as every real client signs it', () => {
  let right: LocalAws;
  let wrong: LocalAws;
  before(async () => {
    const user = { arn: 'arn:aws:iam::444455556666:user/alice', accessKeyId: 'AKIAALICE00000000000' };
    right = await startLocalAws({ users: [{ ...user, secretAccessKey: 'alice-secret' }], roles: [] });
    wrong = await startLocalAws({ users: [{ ...user, secretAccessKey: 'alice-secret-not' }], roles: [] });
  });
  after(async () => {
    await right.close();
    await wrong.close();
  });

  it("accepts the AWS CLI v2's and boto3's requests, session token included", async () => {
    for (const name of ['cliGetCallerIdentity', 'boto3WithToken'] as const) {
      const answer = await post(right.endpoint, captured[name].headers, captured[name].body);
      assert.equal(answer.status, 200, `${name}: ${answer.body}`);
      assert.match(answer.body, /<Arn>arn:aws:iam::444455556666:user\/alice<\/Arn>/);
    }
    // An IAM request signed by the CLI gets past the signature to IAM's own answer.
    const role = await post(right.endpoint, captured.cliGetRole.headers, captured.cliGetRole.body);
    assert.equal(code(role.body), 'NoSuchEntity', role.body);
  });

  it('refuses them with a wrong secret, a changed body, header or body hash', async () => {
    const { headers, body } = captured.cliGetCallerIdentity;
    const refusals = [
      await post(wrong.endpoint, headers, body),
      await post(right.endpoint, headers, `${body}&RoleArn=x`),
      await post(right.endpoint, { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body),
      await post(right.endpoint, { ...headers, 'x-amz-date': '20261201T155754Z' }, body),
      await post(right.endpoint, { ...headers, 'x-amz-content-sha256': '0'.repeat(64) }, body),
    ];
    assert.deepEqual(
      refusals.map((r) => [r.status, code(r.body)]),
      refusals.map(() => [403, 'SignatureDoesNotMatch']),
    );
  });

  it('computes the signatures of the AWS SigV4 test suite', () => {
    // aws-sig-v4-test-suite (AWS's published test vectors): get-vanilla and get-vanilla-query-order-key-case.
    const scope = { secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', scopeDate: '20150830', region: 'us-east-1', service: 'service', signedHeaders: 'host;x-amz-date' };
    const headers = { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' };
    assert.equal(sigV4Signature({ method: 'GET', url: '/', headers }, Buffer.alloc(0), scope), '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31');
    assert.equal(
      sigV4Signature({ method: 'GET', url: '/?Param2=value2&Param1=value1', headers }, Buffer.alloc(0), scope),
      'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500',
    );
    // Not a SigV4 request at all: host unsigned, a scope date from another day, a broken escape.
    assert.equal(sigV4Signature({ method: 'GET', url: '/', headers }, Buffer.alloc(0), { ...scope, signedHeaders: 'x-amz-date' }), undefined);
    assert.equal(sigV4Signature({ method: 'GET', url: '/', headers }, Buffer.alloc(0), { ...scope, scopeDate: '20150831' }), undefined);
    assert.equal(sigV4Signature({ method: 'GET', url: '/?a=%zz', headers }, Buffer.alloc(0), scope), undefined);
  });
});
