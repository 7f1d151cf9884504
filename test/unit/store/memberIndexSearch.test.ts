/**
 * MemberIndex.search: the ranking (name prefix first, then name order), the limit kept while
 * scanning (the first `limit` of the full ranking, whatever order members arrived in), and how
 * names and emails are cut into words.
 */
import * as assert from 'node:assert/strict';
import type { Membership } from '../../../src/asana/schemas';
import { MemberIndex } from '../../../src/store/memberIndex';

let next = 5000;
function member(name: string, roles: Partial<Membership> = {}): Membership {
  const gid = String(next++);
  return {
    gid,
    user: { gid: `8${gid}`, name },
    workspace: { gid: '1', name: 'W' },
    is_active: true,
    is_admin: false,
    is_guest: false,
    is_view_only: false,
    created_at: null,
    vacation_dates: null,
    user_task_list: null,
    ...roles,
  };
}

const found = (index: MemberIndex, query: string, limit = 50) => index.search(query, limit).map((f) => f.membership.user.name);

/** A fixed shuffle, so that arrival order is neither name order nor rank order. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  const out = [...list];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('MemberIndex.search ranking', () => {
  // Names starting with "ada" first, in name order; then the other matches, in name order.
  const ranked = ['Ada', 'Ada Bee', 'Ada Zed', 'Adaline Ng', 'Aaron Adams', 'Al Adams', 'Bo Ada', 'Cy Adaz', 'Zed Ada'];
  const others = ['Bob Smith', 'Radar Love', 'Zed'];

  it('gives the first `limit` of the full ranking, whatever order the members arrived in', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const index = new MemberIndex();
      index.upsertMany(shuffled([...ranked, ...others], seed).map((n) => member(n)));
      for (let limit = 1; limit <= ranked.length + 1; limit++) {
        assert.deepEqual(found(index, 'ada', limit), ranked.slice(0, limit), `seed ${seed}, limit ${limit}`);
      }
    }
  });

  it('ranks on the query as typed, spaces around it ignored', () => {
    const index = new MemberIndex();
    index.upsertMany(['Aaron Adams', 'Adam Smith'].map((n) => member(n)));
    assert.deepEqual(found(index, '  ada '), ['Adam Smith', 'Aaron Adams']);
    assert.deepEqual(found(index, 'ADA'), ['Adam Smith', 'Aaron Adams']);
  });

  it('ranks a name with doubled spaces as a prefix match of the words typed', () => {
    const index = new MemberIndex();
    index.upsertMany([member('Aa Ada Love'), member('Ada  Love')]);
    assert.deepEqual(found(index, 'ada love'), ['Ada  Love', 'Aa Ada Love']);
  });

  it('finds nobody for a query without letters or digits', () => {
    const index = new MemberIndex();
    index.upsertMany([member('Ada'), member('Bea')]);
    for (const query of ['', '   ', '--', '.@']) assert.deepEqual(found(index, query), [], JSON.stringify(query));
  });

  it('matches only what is in the name or email', () => {
    const index = new MemberIndex();
    const withEmail = member('Ada Lovelace');
    index.upsertMany([withEmail, member('Grace Hopper')]);
    index.setEmails([[withEmail.user.gid, 'countess@acme.test']]);
    assert.deepEqual(found(index, 'countess'), ['Ada Lovelace']);
    assert.deepEqual(found(index, 'acme'), ['Ada Lovelace']);
    for (const query of ['was', 'here', 'stryker', 'test acme x']) assert.deepEqual(found(index, query), [], query);
  });

  it('cuts names into words at punctuation in any script', () => {
    const index = new MemberIndex();
    index.upsertMany([member('Анна-Мария Иванова'), member('Jean-Luc 2nd'), member('Zoë Ångström')]);
    assert.deepEqual(found(index, 'мария'), ['Анна-Мария Иванова']);
    assert.deepEqual(found(index, 'иванова анна'), ['Анна-Мария Иванова']);
    assert.deepEqual(found(index, 'luc'), ['Jean-Luc 2nd']);
    assert.deepEqual(found(index, '2nd'), ['Jean-Luc 2nd']);
    assert.deepEqual(found(index, 'angstrom'), ['Zoë Ångström']);
  });
});

describe('MemberIndex.search after changes', () => {
  it('finds a member by an email that arrived after the member was first searched', () => {
    const index = new MemberIndex();
    const ada = member('Ada');
    index.upsertMany([ada]);
    assert.deepEqual(found(index, 'countess'), []);
    index.setEmails([[ada.user.gid, 'countess@acme.test']]);
    assert.deepEqual(found(index, 'countess'), ['Ada']);
    assert.equal(index.search('countess', 5)[0]!.email, 'countess@acme.test');
  });

  it('finds a renamed member by the new name only', () => {
    const index = new MemberIndex();
    const ada = member('Ada');
    index.upsertMany([ada]);
    assert.deepEqual(found(index, 'ada'), ['Ada']);
    index.upsertMany([{ ...ada, user: { ...ada.user, name: 'Augusta' } }]);
    assert.deepEqual(found(index, 'ada'), []);
    assert.deepEqual(found(index, 'augusta'), ['Augusta']);
  });
});
