/** The client's Logger written to a LogOutputChannel, with every line passed through redaction. */
import type * as vscode from 'vscode';
import type { Logger } from '../asana/logger';
import { redact } from '../asana/redact';

export class ChannelLogger implements Logger {
  private readonly secrets = new Set<string>();

  constructor(readonly channel: vscode.LogOutputChannel) {}

  /** A value never to be written, whatever a message contains: every token this window has seen. */
  addSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  trace(message: string): void {
    this.channel.trace(this.clean(message));
  }
  debug(message: string): void {
    this.channel.debug(this.clean(message));
  }
  info(message: string): void {
    this.channel.info(this.clean(message));
  }
  warn(message: string): void {
    this.channel.warn(this.clean(message));
  }
  error(message: string): void {
    this.channel.error(this.clean(message));
  }

  clean(message: string): string {
    return redact(message, [...this.secrets]);
  }
}
