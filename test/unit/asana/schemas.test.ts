/** The response schemas: the form of gids and dates, unknown fields dropped, next_page bounded. */
import * as assert from 'node:assert/strict';
import * as z from 'zod/mini';
import { InvalidResponseError } from '../../../src/asana/errors';
import { parseEnvelope } from '../../../src/asana/responses';
import { MembershipSchema, NextPageSchema, UserSchema, WorkspaceSchema } from '../../../src/asana/schemas';

const REQUEST = { method: 'GET', path: '/x' };

function membership(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    gid: '1200000000000001',
    user: { gid: '1200000000000002', name: 'Ada' },
    workspace: { gid: '1100000000000001', name: 'Acme' },
    is_active: true,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: '2012-02-22T02:06:58.147Z',
    vacation_dates: { start_on: '2022-11-05', end_on: null },
    user_task_list: { gid: '1300000000000001', name: 'My Tasks' },
    ...over,
  };
}

function refusal(data: unknown, schema: z.ZodMiniType<unknown> = MembershipSchema): InvalidResponseError {
  try {
    parseEnvelope(JSON.stringify({ data }), schema, REQUEST, 200);
  } catch (e) {
    assert.ok(e instanceof InvalidResponseError, String(e));
    return e;
  }
  assert.fail(`accepted ${JSON.stringify(data).slice(0, 200)}`);
}

describe('response schemas', () => {
  it('accept Asana records as they are, gids beyond 2^53 included', () => {
    const m = membership({ gid: '12000000000000012345678' });
    assert.deepEqual(parseEnvelope(JSON.stringify({ data: m }), MembershipSchema, REQUEST, 200).data, m);
    for (const created of ['2012-02-22T02:06:58Z', '2012-02-22T02:06:58.1Z', '2012-02-22T04:06:58.147+02:00', null]) {
      assert.ok(MembershipSchema.safeParse(membership({ created_at: created })).success, String(created));
    }
  });

  it('refuse gids that are not digits, wherever they are, naming the field', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ gid: '[x](https://evil.example)' }, 'data.gid'],
      [{ gid: '' }, 'data.gid'],
      [{ gid: '12 ' }, 'data.gid'],
      [{ gid: '١٢٣' }, 'data.gid'],
      [{ user: { gid: 'me', name: 'Ada' } }, 'data.user.gid'],
      [{ workspace: { gid: '-1', name: 'Acme' } }, 'data.workspace.gid'],
      [{ user_task_list: { gid: '9)](https://evil.example', name: 'My Tasks' } }, 'data.user_task_list.gid'],
    ];
    for (const [over, field] of cases) {
      const e = refusal(membership(over));
      assert.equal(e.field, field);
      assert.match(e.message, new RegExp(`field "${field.replace(/[.[\]]/g, '\\$&')}" should be an Asana id \\(digits\\)`));
      assert.ok(!e.message.includes('evil'), 'the value is not repeated');
    }
  });

  it('refuse dates that are not ISO 8601, or not real', () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ created_at: '[Verify](https://evil.example)' }, 'data.created_at', /should be an ISO 8601 date and time/],
      [{ created_at: '2012-02-22' }, 'data.created_at', /should be an ISO 8601 date and time/],
      [{ created_at: '2012-02-30T00:00:00Z' }, 'data.created_at', /ISO 8601/],
      [{ vacation_dates: { start_on: '05/11/2022', end_on: null } }, 'data.vacation_dates.start_on', /should be an ISO 8601 date$|should be an ISO 8601 date\./],
      [{ vacation_dates: { start_on: '2022-11-05', end_on: '2022-11-05T00:00:00Z' } }, 'data.vacation_dates.end_on', /ISO 8601 date/],
    ];
    for (const [over, field, message] of cases) {
      const e = refusal(membership(over));
      assert.equal(e.field, field);
      assert.match(e.message, message);
    }
  });

  it('drop fields the client did not ask for, at every level', () => {
    const parsed = MembershipSchema.parse(
      membership({ x_huge: 'x'.repeat(1000), resource_type: 'workspace_membership', user: { gid: '1', name: 'Ada', photo: {} }, vacation_dates: null }),
    );
    assert.ok(!('x_huge' in parsed) && !('resource_type' in parsed) && !('photo' in parsed.user));
    const user = UserSchema.parse({ gid: '1', name: 'Ada', email: null, workspaces: [{ gid: '2', name: 'W', resource_type: 'workspace' }], extra: 1 });
    assert.deepEqual(user, { gid: '1', name: 'Ada', email: null, workspaces: [{ gid: '2', name: 'W' }] });
    assert.deepEqual(Object.keys(WorkspaceSchema.parse({ gid: '1', name: 'W', is_organization: true, email_domains: [], foo: 'bar' })).sort(), [
      'email_domains',
      'gid',
      'is_organization',
      'name',
    ]);
  });

  it('take only the offset of next_page, and only a bounded one', () => {
    assert.deepEqual(NextPageSchema.parse({ offset: 'eyJ0', path: 5, uri: 'https://evil.example/' }), { offset: 'eyJ0' });
    assert.equal(NextPageSchema.safeParse({ offset: 'x'.repeat(4_097) }).success, false);
    assert.throws(
      () => parseEnvelope(JSON.stringify({ data: [], next_page: { offset: 'x'.repeat(5_000) } }), z.array(MembershipSchema), REQUEST, 200),
      /malformed "next_page"/,
    );
  });
});
