/**
 * The sign-in flow: ask for a personal access token and check it with Asana before storing it. A
 * token Asana refuses keeps the box open with the reason, so the person pastes the right one there.
 */
import { isAsanaError } from '../asana/errors';
import type { CheckResult } from '../ui/checkedInputBox';
import type { Ui } from '../ui/ui';
import type { Session, SignedIn } from './session';
import { l10n } from '../util/l10n';

const TOKEN_HELP_URL = 'https://app.asana.com/0/my-apps';

type Me = Awaited<ReturnType<SignedIn['client']['getMe']>>;

export async function promptSignIn(session: Session, ui: Ui): Promise<SignedIn | undefined> {
  const checked = await ui.showCheckedInputBox(
    {
      title: l10n.t('Sign in to Asana'),
      prompt: l10n.t("Paste a personal access token (Asana: My settings → Apps → Developer console, {0}). It is kept in VS Code's secret storage.", TOKEN_HELP_URL),
      placeHolder: l10n.t('Personal access token'),
      password: true,
      validate: (text) => {
        const t = text.trim();
        if (t === '') return l10n.t('Paste your token to continue.');
        if (/\s/.test(t)) return l10n.t('A token has no spaces or line breaks.');
        return undefined;
      },
    },
    (text) => checkToken(session, text.trim()),
  );
  return checked && session.signIn(checked.token, checked.me);
}

async function checkToken(session: Session, token: string): Promise<CheckResult<{ token: string; me: Me }>> {
  let client;
  try {
    client = session.createClient(token);
  } catch (e) {
    return { ok: false, message: messageOf(e) };
  }
  try {
    return { ok: true, value: { token, me: await client.getMe() } };
  } catch (e) {
    if (isAsanaError(e) && e.kind === 'unauthorized') {
      return { ok: false, message: l10n.t('Asana did not accept this token. Check that you copied all of it and that it has not been revoked. Nothing was stored.') };
    }
    return { ok: false, message: l10n.t('Could not sign in: {0} Nothing was stored.', messageOf(e)) };
  } finally {
    void client.dispose();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
