/** Reaching the extension under test, and waiting for things it does in the background. */
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../../src/extension';

export const EXTENSION_ID = 'asana-workspaces-vscode.asana-workspaces';

export async function activateExtension(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in the extension host`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function setApiBaseUrl(url: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('asana').update('apiBaseUrl', url, vscode.ConfigurationTarget.Global);
}
