import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeDebugEnvironment } from '../../../src/session/debugEnvironment';

const endpoint = {
  set: { AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:5000/iam-trust/credentials', AWS_CONTAINER_AUTHORIZATION_TOKEN: 'tok', AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1' },
  remove: [] as string[],
};
const keys = {
  set: { AWS_ACCESS_KEY_ID: 'ASIAX', AWS_SECRET_ACCESS_KEY: 's', AWS_SESSION_TOKEN: 't', AWS_REGION: 'eu-west-1' },
  remove: ['AWS_PROFILE'],
};

describe('the session in a launch configuration\'s env', () => {
  it('adds the session\'s variables to a configuration without env', () => {
    assert.deepEqual(mergeDebugEnvironment(undefined, endpoint, { nullRemoves: false }), endpoint.set);
  });

  it('keeps what the configuration sets itself', () => {
    const env = mergeDebugEnvironment({ AWS_REGION: 'us-west-2', DEBUG: '1' }, endpoint, { nullRemoves: false });
    assert.equal(env.AWS_REGION, 'us-west-2');
    assert.equal(env.DEBUG, '1');
    assert.equal(env.AWS_DEFAULT_REGION, 'eu-west-1');
  });

  it('adds no credentials when the configuration chooses its own: never its key ID with the session\'s token', () => {
    const env = mergeDebugEnvironment({ AWS_ACCESS_KEY_ID: 'AKIAOWN', AWS_SECRET_ACCESS_KEY: 'own' }, keys, { nullRemoves: true });
    assert.deepEqual(env, { AWS_ACCESS_KEY_ID: 'AKIAOWN', AWS_SECRET_ACCESS_KEY: 'own', AWS_REGION: 'eu-west-1' });
    assert.equal(mergeDebugEnvironment({ AWS_PROFILE: 'dev' }, endpoint, { nullRemoves: false }).AWS_CONTAINER_AUTHORIZATION_TOKEN, undefined);
  });

  it('removes an inherited AWS_PROFILE only where the debug type takes null', () => {
    assert.equal(mergeDebugEnvironment({}, keys, { nullRemoves: true }).AWS_PROFILE, null);
    assert.equal('AWS_PROFILE' in mergeDebugEnvironment({}, keys, { nullRemoves: false }), false);
  });

  it('compares names without case on Windows', () => {
    const env = mergeDebugEnvironment({ aws_region: 'us-west-2' }, endpoint, { nullRemoves: false, caseInsensitive: true });
    assert.equal(env.AWS_REGION, undefined);
    assert.equal(env.aws_region, 'us-west-2');
  });
});
