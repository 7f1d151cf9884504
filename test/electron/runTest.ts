/**
 * Runs the in-VS-Code suite under @vscode/test-electron, on a desktop machine with internet
 * (it downloads VS Code). On machines without internet, `npm run test:vscode` runs the same
 * suite in code-server instead.
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../../..');
  try {
    await runTests({
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out/test/suite/index.js'),
      launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
      extensionTestsEnv: { ASANA_TEST_MODE: '1' },
    });
  } catch (e) {
    console.error(`The in-VS-Code suite failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}

void main();
