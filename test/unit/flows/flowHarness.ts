/** A signed-in account against the emulator, with a scripted UI: what a command's flow runs on in plain Node. */
import { AsanaClient } from '../../../src/asana/client';
import type { FlowContext, FlowLog } from '../../../src/flows/flowContext';
import { AccountStore } from '../../../src/store/accountStore';
import type { Emulator } from '../../emulator/index';
import { ScriptedUi } from '../../support/scriptedUi';

export interface Harness extends FlowContext {
  readonly script: ScriptedUi;
  readonly lines: string[];
  close(): Promise<void>;
}

export async function harness(emu: Emulator, token: string): Promise<Harness> {
  const client = new AsanaClient({ token, baseUrl: emu.baseUrl, retryBaseMs: 1, retryMaxMs: 5 });
  const lines: string[] = [];
  const put = (m: string) => void lines.push(m);
  const logger: FlowLog = { trace: put, debug: put, info: put, warn: put, error: put, clean: (t) => t.split(token).join('[redacted]') };
  const account = new AccountStore({ client, accountGid: emu.state.userForToken(token)!.gid, snapshots: undefined, logger });
  await account.start();
  const script = new ScriptedUi();
  return {
    account,
    ui: script.asUi(),
    logger,
    script,
    lines,
    close: async () => {
      account.dispose();
      await client.dispose();
    },
  };
}
