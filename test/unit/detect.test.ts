import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { looksLikeTrustPolicy } from '../../src/policy/model/detect';

describe('looksLikeTrustPolicy', () => {
  const yes: Array<[string, string]> = [
    ['an AssumeRole action', '{"Statement": [{"Action": "sts:AssumeRole"}]}'],
    ['a web-identity action in a list', '{"Statement": [{"Action": ["sts:AssumeRoleWithWebIdentity"]}]}'],
    ['a Principal without Resource', '{"Statement": {"Effect": "Allow", "Principal": "*"}}'],
    ['comments and trailing commas', '{ // trust\n "Statement": [{"Action": "sts:TagSession",},], }'],
  ];
  const no: Array<[string, string]> = [
    ['an identity policy', '{"Statement": [{"Action": "s3:GetObject", "Resource": "*"}]}'],
    ['a resource policy (Principal with Resource)', '{"Statement": [{"Principal": "*", "Action": "s3:GetObject", "Resource": "*"}]}'],
    ['package.json', '{"name": "x", "version": "1.0.0"}'],
    ['an array', '[{"Statement": []}]'],
    ['not JSON', 'hello'],
    ['empty', ''],
  ];
  for (const [name, text] of yes) it(`recognises ${name}`, () => assert.equal(looksLikeTrustPolicy(text), true));
  for (const [name, text] of no) it(`rejects ${name}`, () => assert.equal(looksLikeTrustPolicy(text), false));
});
