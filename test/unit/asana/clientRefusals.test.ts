/** Each operation names the field a bad input was in, so the UI can point at it; nothing is sent. */
import * as assert from 'node:assert/strict';
import { AsanaClient } from '../../../src/asana/client';
import { InvalidInputError } from '../../../src/asana/errors';
import { collect } from '../../../src/asana/pagination';

describe('AsanaClient refusals name the field', () => {
  // Refused before any request: no server is needed, and none is reachable here.
  const c = new AsanaClient({ token: 'a-token-never-sent', baseUrl: 'http://127.0.0.1:9/api/1.0' });
  after(() => c.dispose());

  it('names the workspace, the count and the page size', async () => {
    const cases: Array<[() => Promise<unknown>, string]> = [
      [() => c.getUser('me', { workspace: 'x' }), 'workspace'],
      [() => collect(c.workspaceUserPages('x')), 'workspace'],
      [() => c.getWorkspace('x'), 'workspace'],
      [() => c.renameWorkspace('x', 'New'), 'workspace'],
      [() => c.addUser('x', 'me'), 'workspace'],
      [() => c.removeUser('x', 'me'), 'workspace'],
      [() => c.typeaheadUsers('x', 'a'), 'workspace'],
      [() => c.typeaheadUsers('1', 'a', { count: 0 }), 'count'],
      [() => c.getWorkspaceMembership('x'), 'membership'],
      [() => collect(c.workspaceMembershipPages('x')), 'workspace'],
      [() => collect(c.workspaceMembershipPages('1', { pageSize: 0 })), 'pageSize'],
    ];
    for (const [call, field] of cases) {
      await assert.rejects(
        (async () => call())(),
        (e: unknown) => e instanceof InvalidInputError && e.field === field && e.message.startsWith(`${field} must be`),
        field,
      );
    }
  });
});
