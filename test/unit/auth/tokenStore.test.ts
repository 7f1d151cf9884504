/** Where tokens live: one secret per account, a list of who (never a token), and the move from one account to several. */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { TokenStore } from '../../../src/auth/tokenStore';

/** SecretStorage as VS Code keeps it: strings by key, with a change event per key. */
class Secrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  private readonly listeners: ((e: vscode.SecretStorageChangeEvent) => void)[] = [];
  readonly changed: string[] = [];
  async get(key: string) {
    return this.values.get(key);
  }
  async keys() {
    return [...this.values.keys()];
  }
  async store(key: string, value: string) {
    this.values.set(key, value);
    this.fire(key);
  }
  async delete(key: string) {
    this.values.delete(key);
    this.fire(key);
  }
  onDidChange = (listener: (e: vscode.SecretStorageChangeEvent) => void) => {
    this.listeners.push(listener);
    return { dispose: () => undefined };
  };
  private fire(key: string) {
    this.changed.push(key);
    for (const l of this.listeners) l({ key });
  }
}

const zoe = { gid: '1200000000000001', name: 'Zoë Ångström', email: 'zoe.angstrom@acme.test' };
const maya = { gid: '1200000000009001', name: 'Maya Okafor', email: 'maya.okafor@northwind.test' };

describe('TokenStore', () => {
  it('keeps each account under its own key, in the order they signed in, and the list holds no token', async () => {
    const secrets = new Secrets();
    const store = new TokenStore(secrets);
    await store.save({ account: zoe, token: 'token-zoe' });
    await store.save({ account: maya, token: 'token-maya' });
    assert.deepEqual(await store.load(), [
      { account: zoe, token: 'token-zoe' },
      { account: maya, token: 'token-maya' },
    ]);
    assert.equal(secrets.values.get(`asana.token.${zoe.gid}`), 'token-zoe');
    assert.equal(secrets.values.get(`asana.token.${maya.gid}`), 'token-maya');
    const list = secrets.values.get('asana.accounts')!;
    assert.ok(!list.includes('token-'), list);
  });

  it('signing in again as an account replaces its token and name in place', async () => {
    const store = new TokenStore(new Secrets());
    await store.save({ account: zoe, token: 'old' });
    await store.save({ account: maya, token: 'token-maya' });
    await store.save({ account: { ...zoe, name: 'Zoë Å.' }, token: 'new' });
    assert.deepEqual(
      (await store.load()).map((c) => [c.account.name, c.token]),
      [
        ['Zoë Å.', 'new'],
        ['Maya Okafor', 'token-maya'],
      ],
    );
  });

  it('removes one account and its token; the other stays; the last one leaves nothing behind', async () => {
    const secrets = new Secrets();
    const store = new TokenStore(secrets);
    await store.save({ account: zoe, token: 'token-zoe' });
    await store.save({ account: maya, token: 'token-maya' });
    await store.remove(zoe.gid);
    assert.deepEqual(await store.load(), [{ account: maya, token: 'token-maya' }]);
    assert.equal(secrets.values.has(`asana.token.${zoe.gid}`), false);
    await store.remove(maya.gid);
    assert.deepEqual([...secrets.values.keys()], []);
  });

  it("keeps the one account of an earlier version signed in, under the new list", async () => {
    const secrets = new Secrets();
    secrets.values.set('asana.activeAccount', JSON.stringify(zoe));
    secrets.values.set(`asana.token.${zoe.gid}`, 'token-zoe');
    const store = new TokenStore(secrets);
    assert.deepEqual(await store.load(), [{ account: zoe, token: 'token-zoe' }]);
    assert.equal(secrets.values.has('asana.activeAccount'), false);
    await store.save({ account: maya, token: 'token-maya' });
    assert.deepEqual((await store.load()).map((c) => c.account.gid), [zoe.gid, maya.gid]);
  });

  it('reads a damaged list as far as it names accounts, and leaves out an account whose token is gone', async () => {
    const secrets = new Secrets();
    secrets.values.set('asana.accounts', JSON.stringify([zoe, { gid: 42 }, null, { gid: maya.gid }, zoe]));
    secrets.values.set(`asana.token.${zoe.gid}`, 'token-zoe');
    secrets.values.set(`asana.token.${maya.gid}`, 'token-maya');
    const store = new TokenStore(secrets);
    assert.deepEqual(await store.load(), [
      { account: zoe, token: 'token-zoe' },
      { account: { gid: maya.gid, name: maya.gid, email: undefined }, token: 'token-maya' },
    ]);
    secrets.values.delete(`asana.token.${zoe.gid}`);
    assert.deepEqual((await store.load()).map((c) => c.account.gid), [maya.gid]);
    secrets.values.set('asana.accounts', '{not json');
    assert.deepEqual(await store.load(), []);
  });

  it('tells of a change to the list or to any token, and of nothing else', async () => {
    const secrets = new Secrets();
    const store = new TokenStore(secrets);
    let heard = 0;
    store.onDidChange(() => heard++);
    await store.save({ account: zoe, token: 'token-zoe' });
    assert.equal(heard, 2, 'the token, then the list');
    await secrets.store('someone.else', 'x');
    assert.equal(heard, 2);
  });
});
