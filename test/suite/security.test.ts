/**
 * Security inside VS Code: the token lives in SecretStorage and nowhere else. A full session
 * (sign-in, listing, then failures from the fault matrix: 429, 500, malformed JSON, a server that
 * echoes the Authorization header, 401) is recorded everywhere the extension writes (the log
 * channel through `api.logger.recent`, every message and prompt through the test UI, the tree's
 * rows and view message, settings, errors thrown by the client), and the token must be in none
 * of it. A hang is not part of it: the request timeout cannot be shortened from VS Code.
 *
 * Then the API base URL: it is application-scoped, so a workspace's settings (written through the
 * API or straight into .vscode/settings.json) cannot send the token to another server, and plain
 * http to anything but this machine is refused even in the user's own settings. A recording
 * "evil" server stands at the URLs that must not be used and counts what reaches it.
 */
import * as assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { AsanaClient } from '../../src/asana/client';
import type { ExtensionApi } from '../../src/extension';
import type { TreeNode, WorkspaceNode } from '../../src/tree/nodes';
import { startEmulator, type Emulator } from '../emulator/index';
import { activateExtension, setApiBaseUrl, waitFor } from './support/extension';
import { TestUi } from './support/testUi';
import { isGroup, isRange, isWorkspace } from './support/nodes';

const MEMBERSHIPS = 'GET /workspaces/{workspace_gid}/workspace_memberships';

/** A server that must never be called: it records whatever reaches it, headers included. */
class EvilServer {
  readonly seen: Array<{ url: string; authorization: string | undefined }> = [];
  private readonly server: Server = createServer((req, res) => {
    this.seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[]}');
  });
  port = 0;

  async start(): Promise<void> {
    // On every interface, so it also answers at this machine's non-loopback address.
    await new Promise<void>((resolve) => this.server.listen(0, '0.0.0.0', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function nonLoopbackIPv4(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

describe('Security: the token stays in SecretStorage', function () {
  this.timeout(120_000);
  let emu: Emulator;
  let api: ExtensionApi;
  let ui: TestUi;
  let evil: EvilServer;

  async function roots(): Promise<WorkspaceNode[]> {
    return (await api.tree.getChildren()).filter(isWorkspace);
  }

  async function workspaceNode(name: string): Promise<WorkspaceNode> {
    const node = (await roots()).find((n) => n.workspace.name === name);
    assert.ok(node, name);
    return node;
  }

  /** Every text of the tree a person can see: labels, descriptions, tooltips, the view message. */
  async function treeTexts(): Promise<string[]> {
    const out: string[] = [api.treeView.message ?? '', api.treeView.title ?? '', api.treeView.description ?? ''];
    const visit = async (node?: TreeNode) => {
      for (const child of await api.tree.getChildren(node)) {
        const item = api.tree.getTreeItem(child);
        const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip ?? '');
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        out.push(label, String(item.description ?? ''), tooltip, JSON.stringify(item.command?.arguments ?? []));
        if (isWorkspace(child) || isGroup(child) || isRange(child)) await visit(child as TreeNode);
      }
    };
    await visit();
    return out;
  }

  before(async () => {
    emu = await startEmulator({ seed: 31, sizes: { bigWorkspaceMembers: 200 } });
    evil = new EvilServer();
    await evil.start();
    api = await activateExtension();
    await setApiBaseUrl(emu.baseUrl);
  });
  beforeEach(async () => {
    emu.reset();
    await api.session.signOut();
    ui = new TestUi(api);
  });
  afterEach(async () => {
    ui.dispose();
    await api.session.signOut();
  });
  after(async () => {
    await setApiBaseUrl(undefined);
    await emu?.close();
    await evil?.close();
  });

  it('a full session with failures writes the token nowhere: log, messages, prompts, tree, settings, errors', async () => {
    const token = emu.tokens.admin;
    const thrown: unknown[] = [];
    const expectFailure = async (what: string, call: () => Promise<unknown>) => {
      try {
        await call();
      } catch (e) {
        thrown.push(e);
        return;
      }
      assert.fail(`${what} should have failed`);
    };

    // Sign in the way a person does: the command, the password box, the token pasted.
    ui.answerInputs(token);
    await ui.command('asana.signIn');
    assert.ok(api.session.signedIn, 'signed in');
    const client: AsanaClient = api.session.signedIn.client;

    // Listing: workspaces and one workspace's members with emails.
    assert.equal((await roots()).length, 3);
    const guild = await workspaceNode('Design Guild');
    await api.tree.getChildren(guild as TreeNode);
    await waitFor('members', () => api.store.account?.membersOf(guild.gid)?.state === 'done');

    // 429 on a refresh: waited out, nothing shown.
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 429, retryAfter: '1', times: 1 });
    await ui.command('asana.refresh');
    assert.equal((await roots()).length, 3);

    // 500 (with the token as its "phrase": a server that echoes what it got) on the members listing: an error row.
    emu.faults.add({ route: MEMBERSHIPS, kind: 'status', status: 500, phrase: `echo ${token}` });
    await ui.command('asana.retryMembers', guild);
    await api.tree.getChildren(guild as TreeNode);
    await waitFor('the error row', () => api.store.account?.membersOf(guild.gid)?.refreshError, 30_000);
    const errorRows = (await treeTexts()).filter((t) => /Could not load members|Stopped after|Refresh failed/.test(t));
    assert.ok(errorRows.length > 0, 'an error row is shown');
    assert.ok(errorRows.some((t) => /HTTP 500/.test(t) && /\[redacted\]/.test(t)), `the echoed phrase is redacted: ${errorRows.join(' | ')}`);
    emu.faults.clear();

    // Malformed JSON answering a rename: an error message (the rename landed; the command re-reads).
    emu.faults.add({ route: 'PUT /workspaces/{workspace_gid}', kind: 'malformed-json', times: 1 });
    ui.answerInputs('Design Guild (secure)');
    await ui.command('asana.renameWorkspace', guild);
    assert.ok(ui.messages('showErrorMessage').some((m) => /not valid JSON/.test(m)), 'the rename failure is reported');

    // A 400 whose message echoes the Authorization header and the bare token, answering an add.
    emu.faults.add({
      route: 'POST /workspaces/{workspace_gid}/addUser',
      kind: 'status',
      status: 400,
      message: `user: invalid (request had Authorization: Bearer ${token}; token=${token})`,
      times: 1,
    });
    ui.answerPicks('By email').answerInputs('new.person@guild.test');
    await ui.command('asana.addUsers', guild);
    assert.ok(ui.messages('showErrorMessage').some((m) => /invalid/.test(m)), 'the add failure is reported');

    // Errors thrown by the client under faults, looked at whole: message, stack, cause chain, JSON.
    emu.faults.add({ route: 'GET /workspaces/{workspace_gid}', kind: 'status', status: 404, times: 1 });
    await expectFailure('404', () => client.getWorkspace(guild.gid));
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 503, phrase: `Bearer ${token}` });
    await expectFailure('503', () => client.listWorkspaces());
    emu.faults.clear();
    emu.faults.add({ route: 'GET /workspaces/{workspace_gid}/typeahead', kind: 'status', status: 429, retryAfter: '86400', times: 1 });
    await expectFailure('429 for a day', () => client.typeaheadUsers(guild.gid, 'a'));
    emu.faults.add({ route: 'GET /users/{user_gid}', kind: 'malformed-json', times: 1 });
    await expectFailure('malformed', () => client.getMe());
    emu.faults.add({ route: 'POST /workspaces/{workspace_gid}/removeUser', kind: 'drop', times: 1 });
    await expectFailure('dropped', () => client.removeUser(guild.gid, 'nobody@guild.test'));
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 400, message: `offset: Invalid offset Authorization: Bearer ${token}` });
    await expectFailure('400 echo', () => client.listWorkspaces());
    emu.faults.clear();

    // 401 mid-session: the tree signs out and offers sign-in.
    emu.faults.add({ route: 'GET /workspaces', kind: 'status', status: 401 });
    ui.answerMessages(undefined);
    await ui.command('asana.refresh');
    await waitFor('signed out', () => api.session.signedIn === undefined);
    await waitFor('sign-in offer', () => ui.messages('showWarningMessage').some((m) => /Sign in again/.test(m)));

    // Now look everywhere.
    const places: Array<[string, string]> = [];
    for (const line of api.logger.recent) places.push(['log', line]);
    for (const s of ui.shown) {
      // The sign-in box is a password box; its options hold no value, but say so if they ever did.
      places.push([`${s.kind} text`, s.text], [`${s.kind} options`, JSON.stringify(s.options) ?? '']);
    }
    for (const t of await treeTexts()) places.push(['tree', t]);
    places.push(['settings', JSON.stringify(vscode.workspace.getConfiguration())]);
    places.push(['asana settings', JSON.stringify(vscode.workspace.getConfiguration('asana').inspect('apiBaseUrl'))]);
    for (const e of thrown) {
      const chain: string[] = [];
      for (let c: unknown = e, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) chain.push(c.message, c.stack ?? '');
      places.push(['thrown error', `${String(e)}\n${chain.join('\n')}\n${JSON.stringify(e)}`]);
    }
    const leaks = places.filter(([, text]) => text.includes(token)).map(([where, text]) => `${where}: ${text.slice(0, 200)}`);
    assert.deepEqual(leaks, [], 'the token appears nowhere');
    assert.ok(thrown.length >= 6, `errors examined: ${thrown.length}`);
    assert.ok(places.length > 50, `places examined: ${places.length}`);
    assert.ok(ui.messages('showErrorMessage').some((m) => m.includes('[redacted]')), 'the echoed token was redacted from a message, not merely absent');
    assert.equal(evil.seen.length, 0);
  });

  it('a workspace setting cannot redirect the token: asana.apiBaseUrl is application-scoped', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the suite opens a folder');
    const evilUrl = `http://127.0.0.1:${evil.port}/api/1.0`;
    const settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    await vscode.workspace.getConfiguration('asana').update('apiBaseUrl', emu.baseUrl, vscode.ConfigurationTarget.Global);
    try {
      // Through the API: VS Code refuses to write an application-scoped setting to the workspace.
      let refusal: unknown;
      try {
        await vscode.workspace.getConfiguration('asana').update('apiBaseUrl', evilUrl, vscode.ConfigurationTarget.Workspace);
      } catch (e) {
        refusal = e;
      }
      assert.ok(refusal instanceof Error, 'VS Code refuses to write an application setting to the workspace');
      assert.match(refusal.message, /can be written only into User settings/);
      // Straight into the folder's settings file, as a cloned repository would carry it, with a window-scoped
      // setting beside it: once VS Code shows that one, it has read the file.
      await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify({ 'asana.apiBaseUrl': evilUrl, 'editor.tabSize': 7 })));
      await waitFor('VS Code to read the folder settings', () => vscode.workspace.getConfiguration('editor').inspect<number>('tabSize')?.workspaceValue === 7);
      const inspected = vscode.workspace.getConfiguration('asana').inspect<string>('apiBaseUrl');
      const effective = vscode.workspace.getConfiguration('asana').get<string>('apiBaseUrl');
      assert.equal(inspected?.workspaceValue, undefined, 'the workspace value of an application setting is not even read');
      assert.notEqual(effective, evilUrl, 'VS Code does not apply a workspace value of an application setting');

      // The extension: sign in, rebuild the client as a settings change would, load everything.
      const before = emu.counters.total;
      ui.answerInputs(emu.tokens.admin);
      await ui.command('asana.signIn');
      assert.ok(api.session.signedIn);
      api.session.reconnect();
      assert.equal(api.session.signedIn.client.baseUrl.href, new URL(emu.baseUrl).href, 'the client uses the user-level URL');
      await ui.command('asana.refresh');
      assert.equal((await roots()).length, 3);
      assert.ok(emu.counters.total > before, 'requests went to the user-level URL');
      assert.deepEqual(evil.seen, [], 'nothing reached the URL in the workspace settings');
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder.uri, '.vscode'), { recursive: true, useTrash: false }).then(
        () => undefined,
        () => undefined,
      );
    }
  });

  it('plain http to another machine is refused even in the user’s settings; the token is not sent', async function () {
    const ip = nonLoopbackIPv4();
    if (!ip) this.skip();
    await signInAsAdmin();
    const errorsBefore = api.logger.recent.length;
    const remote = `http://${ip}:${evil.port}/api/1.0`;
    await setApiBaseUrl(remote);
    try {
      await waitFor('the session dropped', () => api.session.signedIn === undefined);
      await ui.command('asana.refresh');
      const logged = api.logger.recent.slice(errorsBefore).join('\n');
      assert.match(logged, /must use https \(plain http is allowed only for localhost\)/);
      assert.deepEqual(evil.seen, [], 'nothing was sent in the clear');
    } finally {
      await setApiBaseUrl(emu.baseUrl);
    }
    // Back on a valid URL, the stored token is used again (from SecretStorage: it was never lost).
    await api.session.restore();
    assert.ok(api.session.signedIn, 'signed in again from SecretStorage');
    assert.equal(api.session.signedIn.client.baseUrl.href, new URL(emu.baseUrl).href);
  });

  async function signInAsAdmin(): Promise<void> {
    ui.answerInputs(emu.tokens.admin);
    await ui.command('asana.signIn');
    assert.ok(api.session.signedIn);
  }
});
