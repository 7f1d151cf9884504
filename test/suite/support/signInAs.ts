import type { ExtensionApi } from '../../../src/extension';

/** Signs in without the prompt (the prompt has its own tests): check the token, then store it. */
export async function signInAs(api: ExtensionApi, token: string): Promise<void> {
  await api.session.signOut();
  const client = api.session.createClient(token);
  try {
    await api.session.signIn(token, await client.getMe());
  } finally {
    await client.dispose();
  }
}
