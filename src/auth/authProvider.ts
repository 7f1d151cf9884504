/**
 * Puts the Asana account in VS Code's Accounts menu. Sessions come from the same Session object
 * as everything else, so signing out from the Accounts menu and from the view are one action.
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
  private last: vscode.AuthenticationSession | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly session: Session,
    /** The UI seam as it is when sign-in is asked for (tests replace it). */
    private readonly ui: () => Ui,
  ) {
    this.last = this.toSession();
    this.subscription = session.onDidChange(() => {
      const next = this.toSession();
      const removed = this.last && this.last.id !== next?.id ? [this.last] : [];
      const added = next && this.last?.id !== next.id ? [next] : [];
      this.last = next;
      if (removed.length || added.length) this.changed.fire({ added, removed, changed: [] });
    });
  }

  async getSessions(): Promise<vscode.AuthenticationSession[]> {
    const s = this.toSession();
    return s ? [s] : [];
  }

  async createSession(): Promise<vscode.AuthenticationSession> {
    const signedIn = await promptSignIn(this.session, this.ui());
    const s = signedIn && this.toSession();
    if (!s) throw new Error(l10n.t('Sign-in was cancelled.'));
    return s;
  }

  async removeSession(): Promise<void> {
    await this.session.signOut();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  private toSession(): vscode.AuthenticationSession | undefined {
    const current = this.session.signedIn;
    const token = this.session.token;
    if (!current || !token) return undefined;
    return {
      id: current.account.gid,
      accessToken: token,
      account: { id: current.account.gid, label: current.account.email ?? current.account.name },
      scopes: [],
    };
  }
}
