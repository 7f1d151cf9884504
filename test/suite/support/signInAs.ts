import type { ExtensionApi } from '../../../src/extension';

/** Signs in without the prompt (the prompt has its own tests): check the token, then store it. Signs every other account out first. */
export async function signInAs(api: ExtensionApi, token: string): Promise<void> {
  await api.session.signOut();
  await addAccount(api, token);
}

/** Signs one more account in, next to those already signed in. */
export async function addAccount(api: ExtensionApi, token: string): Promise<void> {
  const client = api.session.createClient(token);
  try {
    await api.session.signIn(token, await client.getMe());
  } finally {
    await client.dispose();
  }
}
