/** Personal data in logs: emails and typeahead text only at trace level, in pure form and through the client. */
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { pathForLog, urlForLog } from '../../../src/asana/logUrl';
import { redactEmails, redactedQuery, REDACTED_EMAIL } from '../../../src/asana/personalData';
import { startEmulator, type Emulator } from '../../emulator/index';
import { RecordingLogger } from '../../helpers/recordingLogger';
import { timeScale } from '../../helpers/timeScale';

/** A recorder that says whether the person chose trace level, as the extension's channel logger does. */
class LevelledLogger extends RecordingLogger {
  constructor(private readonly tracing: boolean) {
    super();
  }
  isTracing(): boolean {
    return this.tracing;
  }
}

describe('personal data in log lines', () => {
  it('redactEmails takes out every address, plain or URL-encoded, and nothing else', () => {
    assert.equal(redactEmails('Added ada@acme.test (Acme).'), `Added ${REDACTED_EMAIL} (Acme).`);
    assert.equal(redactEmails('<ada@acme.test>, "bob.smith+x@mail.example.org"'), `<${REDACTED_EMAIL}>, "${REDACTED_EMAIL}"`);
    assert.equal(redactEmails('/users/ada%40acme.test/workspace_memberships'), `/users/${REDACTED_EMAIL}/workspace_memberships`);
    assert.equal(redactEmails('user=ada@acme.test&limit=1'), `user=${REDACTED_EMAIL}&limit=1`);
    for (const kept of ['"bad@" is not a valid email address', '@ada', 'a@b', 'Sign in again.', 'version 1.2.3', 'x@@y.z']) {
      assert.equal(redactEmails(kept), kept, kept);
    }
  });

  it('redactEmails: where an address starts and ends', () => {
    // Sentence punctuation after an address stays, outside the mask.
    assert.equal(redactEmails('Write to ada@acme.test.'), `Write to ${REDACTED_EMAIL}.`);
    assert.equal(redactEmails('Welcome, ada@acme.test!'), `Welcome, ${REDACTED_EMAIL}!`);
    assert.equal(redactEmails('ada@acme.test...!'), `${REDACTED_EMAIL}...!`);
    // The shortest address, plain and URL-encoded.
    assert.equal(redactEmails('a@b.c'), REDACTED_EMAIL);
    assert.equal(redactEmails('A%40B.C'), REDACTED_EMAIL);
    // Not addresses: nothing before the @; no dot inside the domain (before the @, at its start or
    // end, or only in the punctuation after it).
    for (const kept of ['@acme.test', 'ada.x@acme', 'ada@.test', 'ada@acme.', 'ada@acme..', 'ada@acme!', 'a@b.']) {
      assert.equal(redactEmails(kept), kept, kept);
    }
  });

  it('redactEmails is linear: a megabyte without separators, or of "@", is quick', function () {
    this.timeout(2_000 * timeScale());
    assert.equal(redactEmails('a'.repeat(1_000_000)).length, 1_000_000);
    assert.equal(redactEmails('@'.repeat(1_000_000)).length, 1_000_000);
    assert.equal(redactEmails('a@b.c '.repeat(100_000)), `${REDACTED_EMAIL} `.repeat(100_000));
  });

  it('redactedQuery keeps only the length', () => {
    assert.equal(redactedQuery('ada'), '"…" (3 chars)');
    assert.equal(redactedQuery('z'), '"…" (1 char)');
    assert.equal(redactedQuery('zoë 👩'), '"…" (5 chars)');
  });

  it('urlForLog leaves out emails and search text below trace, and keeps the rest', () => {
    const url = new URL('https://app.asana.com/api/1.0/workspaces/123/typeahead?resource_type=user&query=Ada+Love&count=20&opt_fields=name');
    assert.equal(urlForLog(url, false), '/api/1.0/workspaces/123/typeahead?resource_type=user&query="…" (8 chars)&count=20&opt_fields=name');
    assert.equal(urlForLog(url, true), `${url.pathname}${url.search}`);
    const byEmail = new URL('https://app.asana.com/api/1.0/users/ada%40acme.test/workspace_memberships?user=bob%40acme.test&limit=100&offset=eyJ0');
    assert.equal(urlForLog(byEmail, false), `/api/1.0/users/${REDACTED_EMAIL}/workspace_memberships?user=${REDACTED_EMAIL}&limit=100&offset=eyJ0`);
    assert.equal(pathForLog('/users/me', false), '/users/me');
    assert.equal(pathForLog('/users/123', false), '/users/123');
  });

  describe('through the client', () => {
    let emu: Emulator;
    let acme: string;
    let email: string;

    before(async () => {
      emu = await startEmulator({ seed: 41, sizes: { bigWorkspaceMembers: 50 } });
      acme = emu.state.seedInfo.workspaces.acme;
      email = emu.state.user(emu.state.seedInfo.tokenUsers.member)!.email;
    });
    beforeEach(() => emu.reset());
    after(() => emu.close());

    async function run(tracing: boolean): Promise<string> {
      const log = new LevelledLogger(tracing);
      const client = new AsanaClient({ token: emu.tokens.admin, baseUrl: emu.baseUrl, logger: log, retryBaseMs: 1, retryMaxMs: 1 });
      try {
        await client.typeaheadUsers(acme, 'Zyxwv secret search');
        await client.getUser(email);
        await client.listUserMemberships(email);
        emu.faults.add({ route: 'GET /users/{user_gid}', kind: 'status', status: 503, times: 1 });
        await client.getUser(email);
      } finally {
        await client.dispose();
      }
      return log.text;
    }

    it('below trace: no email and no search text in any line, yet every request is logged', async () => {
      const text = await run(false);
      assert.ok(!text.includes(email) && !text.includes(encodeURIComponent(email)), text);
      assert.ok(!/Zyxwv|secret/.test(text), text);
      assert.match(text, /query="…" \(19 chars\)/);
      assert.match(text, new RegExp(`GET /api/1\\.0/users/${REDACTED_EMAIL}\\?opt_fields=name\\S* → 200`));
      assert.match(text, new RegExp(`GET /users/${REDACTED_EMAIL}: server error, retrying`));
    });

    it('at trace, as the person asked: the full request', async () => {
      const text = await run(true);
      assert.ok(text.includes(encodeURIComponent(email)), text);
      assert.match(text, /query=Zyxwv\+secret\+search/);
    });
  });
});
