/**
 * Puts each Asana account in VS Code's Accounts menu. Sessions come from the same Session object as
 * everything else, so signing out from the Accounts menu and from the view are one action.
 */
import * as vscode from 'vscode';
import type { Session } from './session';
import type { Ui } from '../ui/ui';
import { promptSignIn } from './signIn';
import { l10n } from '../util/l10n';

export const AUTH_PROVIDER_ID = 'asana-pat';

export class AsanaAuthenticationProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  private last: readonly vscode.AuthenticationSession[];
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: Session,
    /** The UI seam as it is when sign-in is asked for (tests replace it). */
    private readonly ui: () => Ui,
  ) {
    this.last = this.toSessions();
    this.subscription = session.onDidChange(() => {
      const next = this.toSessions();
      const key = (s: vscode.AuthenticationSession) => `${s.id}\n${s.accessToken}\n${s.account.label}`;
      const before = new Map(this.last.map((s) => [s.id, key(s)]));
      const after = new Set(next.map((s) => s.id));
      const added = next.filter((s) => !before.has(s.id));
      const changed = next.filter((s) => before.has(s.id) && before.get(s.id) !== key(s));
      const removed = this.last.filter((s) => !after.has(s.id));
      this.last = next;
      if (removed.length || added.length || changed.length) this.changed.fire({ added, removed, changed });
    });
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    return this.toSessions();
  }

  /** From the Accounts menu: signs in one more account (or the same one again with a new token). */
  async createSession(): Promise<vscode.AuthenticationSession> {
    const signedIn = await promptSignIn(this.session, this.ui());
    const s = signedIn && this.toSessions().find((x) => x.id === signedIn.account.gid);
    if (!s) throw new Error(l10n.t('Sign-in was cancelled.'));
    return s;
  }

  async removeSession(sessionId: string): Promise<void> {
    await this.session.signOut(sessionId);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private toSessions(): vscode.AuthenticationSession[] {
    return this.session.accounts.flatMap(({ account }) => {
      const token = this.session.tokenOf(account.gid);
      return token ? [{ id: account.gid, accessToken: token, account: { id: account.gid, label: account.email ?? account.name }, scopes: [] }] : [];
    });
  }
}
