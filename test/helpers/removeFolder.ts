/**
 * Deletes a test's snapshot folder. A store disposed a moment ago may still have a write under way
 * (a snapshot, a last look), which can put a file back while the folder is being emptied: try again
 * for a while rather than fail the test on the race.
 */
import * as fs from 'node:fs';

export async function removeFolder(folder: string, timeoutMs = 5_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; ; ) {
    try {
      fs.rmSync(folder, { recursive: true, force: true });
      return;
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
