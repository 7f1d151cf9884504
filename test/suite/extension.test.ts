import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'asana-workspaces-vscode.asana-workspaces';

describe('Extension', () => {
  it('is present and activates', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed in the extension host`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('runs with the environment and the user settings the harness gave it', () => {
    assert.equal(process.env['ASANA_TEST_MODE'], '1');
    assert.equal(vscode.workspace.getConfiguration('git').get('enabled'), false);
  });
});
