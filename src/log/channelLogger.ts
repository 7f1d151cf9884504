/** The client's Logger written to a LogOutputChannel, with every line passed through redaction. */
import type * as vscode from 'vscode';
import type { Logger } from '../asana/logger';
import { redact } from '../asana/redact';

/** Lines kept in memory for diagnostics and for tests that check what was written. */
const RECENT_LINES = 2_000;

export class ChannelLogger implements Logger {
  private readonly secrets = new Set<string>();
  private readonly recentLines: string[] = [];

  constructor(readonly channel: vscode.LogOutputChannel) {}

  /** A value never to be written, whatever a message contains: every token this window has seen. */
  addSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  trace(message: string): void {
    this.channel.trace(this.keep('trace', message));
  }
  debug(message: string): void {
    this.channel.debug(this.keep('debug', message));
  }
  info(message: string): void {
    this.channel.info(this.keep('info', message));
  }
  warn(message: string): void {
    this.channel.warn(this.keep('warn', message));
  }
  error(message: string): void {
    this.channel.error(this.keep('error', message));
  }

  /** The most recent lines, as written (already redacted). */
  get recent(): readonly string[] {
    return this.recentLines;
  }

  private keep(level: string, message: string): string {
    const line = this.clean(message);
    this.recentLines.push(`${level} ${line}`);
    if (this.recentLines.length > RECENT_LINES) this.recentLines.splice(0, this.recentLines.length - RECENT_LINES);
    return line;
  }

  clean(message: string): string {
    return redact(message, [...this.secrets]);
  }
}
