/**
 * What a command's decisions need, free of VS Code at run time: the account's store, the UI seam and
 * the log. Commands build it; tests in plain Node build it with a scripted UI and the emulator.
 */
import type { Logger } from '../asana/logger';
import type { AccountStore } from '../store/accountStore';
import type { Ui } from '../ui/ui';

export interface FlowLog extends Logger {
  /** The text with every secret taken out, for messages shown to the person. */
  clean(text: string): string;
}

export interface FlowContext {
  readonly account: AccountStore;
  readonly ui: Ui;
  readonly logger: FlowLog;
}
