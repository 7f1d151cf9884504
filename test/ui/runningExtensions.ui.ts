// The packaged extension is installed and running, and the real workbench answers the command
// palette. The Asana view itself is covered by signInAndTree.ui.ts.
import * as assert from 'node:assert/strict';
import type { UiScenario } from './workbench';
import { scenario } from './workbench';

export const scenarios: readonly UiScenario[] = [
  scenario('shows Developer: Show Running Extensions from the command palette', async (workbench) => {
    await workbench.runCommand('Developer: Show Running Extensions');
    const rows = workbench.page.locator('.runtime-extensions-editor .monaco-list-row');
    await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await rows.count()) > 0, 'the running extensions editor lists no extension');
    await workbench.screenshot('running-extensions');
    await workbench.page.keyboard.press('Escape');
  }),

  scenario('lists Asana Workspaces among the installed extensions', async (workbench) => {
    await workbench.runCommand('Extensions: Show Installed Extensions');
    const row = await workbench.waitForTreeRow('Asana Workspaces');
    assert.match((await row.textContent()) ?? '', /Asana Workspaces/);
    await workbench.screenshot('installed-extensions');
  }),

];
