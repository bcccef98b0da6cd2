import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AssumedSession } from '../../../src/session/sts';
import { SessionEnvironment } from '../../../src/terminal/sessionEnvironment';
import { fakeCollection } from '../../clients/terminal';

const session: AssumedSession = {
  accessKeyId: 'ASIASESSION0000WXYZ',
  secretAccessKey: 'session-secret',
  sessionToken: 'session-token',
  expiration: new Date('2026-11-28T12:00:00Z'),
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::111122223333:role/Deploy',
  assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/Deploy/me',
  sessionName: 'me',
};

describe('SessionEnvironment: the collection VS Code applies to new terminals', () => {
  it('replaces the keys (at creation and again after the rc file), and never empties a variable', () => {
    const collection = fakeCollection();
    const environment = new SessionEnvironment(collection, { AWS_PROFILE: 'alice' });
    assert.equal(collection.persistent, false);
    environment.apply(session);
    const mutators = [...collection.mutators.entries()];
    assert.deepEqual(mutators.map(([name]) => name).sort(), [
      'AWS_ACCESS_KEY_ID',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_DEFAULT_REGION',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_EXPIRATION',
      'AWS_SESSION_TOKEN',
    ]);
    for (const [name, mutator] of mutators) {
      assert.equal(mutator.type, 'replace', name);
      assert.notEqual(mutator.value, '', name);
      assert.deepEqual(mutator.options, { applyAtProcessCreation: true, applyAtShellIntegration: true }, name);
    }
    // The profile cannot be removed by the collection: the extension's own terminals remove it.
    assert.deepEqual(environment.terminalOptionsEnv, { AWS_PROFILE: null });
    assert.match(String(collection.description), /assumed-role\/Deploy\/me.*AWS_PROFILE="alice" is set in VS Code's environment: the JS SDK v3 uses that profile/);
  });

  it('describes the collection as VS Code shows it (one Markdown list item): the ARN as code, caveats as literal text', () => {
    const collection = fakeCollection();
    // A profile name from the environment that would be emphasis, a link and HTML in Markdown.
    new SessionEnvironment(collection, { AWS_PROFILE: '_ops_ *[x](y)* <b>' }).apply(session);
    const description = String(collection.description);
    assert.ok(description.startsWith('AWS role session `arn:aws:sts::111122223333:assumed-role/Deploy/me`, until '), description);
    assert.doesNotMatch(description, /\n/);
    assert.ok(description.includes('\\_ops\\_ \\*\\[x\\](y)\\* \\<b\\>'), description);
    // Underscores inside words stay as they are (Markdown does not read them as emphasis).
    assert.ok(description.includes('AWS_PROFILE='), description);
  });

  it('clears everything with the session', () => {
    const collection = fakeCollection();
    const environment = new SessionEnvironment(collection, { AWS_PROFILE: 'alice' });
    environment.apply(session);
    environment.clear();
    assert.equal(collection.mutators.size, 0);
    assert.equal(collection.description, undefined);
    assert.deepEqual(environment.terminalOptionsEnv, {});
    assert.deepEqual(environment.caveats, []);
  });

  it('says when its plan changes, so the status-bar tooltip shows caveats that come a tick after the session', () => {
    // Seen in a UI run: with the credential endpoint started on the first session, the plan (and
    // its caveats) came after the tooltip was drawn, which then never named AWS_PROFILE="alice".
    const environment = new SessionEnvironment(fakeCollection(), { AWS_PROFILE: 'alice' });
    const seen: number[] = [];
    const subscription = environment.onDidChange(() => seen.push(environment.caveats.length));
    environment.apply(session);
    environment.clear();
    subscription.dispose();
    environment.apply(session);
    assert.equal(seen.length, 2);
    assert.ok(seen[0]! > 0, 'the caveats are there when it fires');
    assert.equal(seen[1], 0);
  });
});
