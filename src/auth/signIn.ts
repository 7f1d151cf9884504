/** The sign-in flow: ask for a personal access token, check it with Asana, then store it. */
import * as vscode from 'vscode';
import { isAsanaError } from '../asana/errors';
import type { Ui } from '../ui/ui';
import type { Session, SignedIn } from './session';

const TOKEN_HELP_URL = 'https://app.asana.com/0/my-apps';

export async function promptSignIn(session: Session, ui: Ui): Promise<SignedIn | undefined> {
  let value = '';
  for (;;) {
    const token = await ui.showInputBox({
      title: 'Sign in to Asana',
      prompt: `Paste a personal access token (Asana: My settings → Apps → Developer console, ${TOKEN_HELP_URL}). It is kept in VS Code's secret storage.`,
      placeHolder: 'Personal access token',
      password: true,
      ignoreFocusOut: true,
      value,
      validateInput: (text) => {
        const t = text.trim();
        if (t === '') return 'Paste your token to continue.';
        if (/\s/.test(t)) return 'A token has no spaces or line breaks.';
        return undefined;
      },
    });
    if (token === undefined) return undefined;
    value = token;
    const result = await checkToken(session, token.trim());
    if (result.ok) return session.signIn(token.trim(), result.me);
    const again = await ui.showErrorMessage(result.message, 'Try Again');
    if (again !== 'Try Again') return undefined;
  }
}

type Check = { ok: true; me: Awaited<ReturnType<SignedIn['client']['getMe']>> } | { ok: false; message: string };

async function checkToken(session: Session, token: string): Promise<Check> {
  let client;
  try {
    client = session.createClient(token);
  } catch (e) {
    return { ok: false, message: messageOf(e) };
  }
  try {
    const me = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking the token with Asana…' },
      () => client.getMe(),
    );
    return { ok: true, me };
  } catch (e) {
    if (isAsanaError(e) && e.kind === 'unauthorized') {
      return { ok: false, message: 'Asana did not accept this token. Check that you copied all of it and that it has not been revoked. Nothing was stored.' };
    }
    return { ok: false, message: `Could not sign in: ${messageOf(e)} Nothing was stored.` };
  } finally {
    void client.dispose();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
