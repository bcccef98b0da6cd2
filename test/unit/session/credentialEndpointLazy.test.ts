// Issue 15 §2: the credential endpoint's server starts with the window's first role session, not
// at activation: a window that never has a session opens no port (src/session/credentialEndpoint.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CredentialEndpoint } from '../../../src/session/credentialEndpoint';

describe('credential endpoint: started on first use', () => {
  it('listens on no port until started, then on one loopback port however often it is started', async () => {
    const endpoint = new CredentialEndpoint();
    try {
      // Long enough for a server started in the constructor to be listening.
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(endpoint.url, undefined);
      await endpoint.start();
      const url = endpoint.url;
      assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+\/iam-trust\/credentials$/);
      await endpoint.ready;
      await endpoint.start();
      assert.equal(endpoint.url, url);
      assert.equal((await fetch(url!)).status, 401, 'it answers');
    } finally {
      endpoint.dispose();
    }
  });

  it('can be disposed without ever having started, and does not start after', async () => {
    const endpoint = new CredentialEndpoint();
    endpoint.dispose();
    await assert.rejects(endpoint.start());
    assert.equal(endpoint.url, undefined);
  });
});
