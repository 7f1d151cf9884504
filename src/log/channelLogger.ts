/**
 * The client's Logger written to a LogOutputChannel. Every line is passed through redaction (the
 * token), through logText (a line break or a direction override in a name cannot forge or disguise
 * a log entry) and, unless the person raised the level to trace, has email addresses taken out.
 */
import type * as vscode from 'vscode';
import type { Logger } from '../asana/logger';
import { redactEmails } from '../asana/personalData';
import { redact } from '../asana/redact';
import { logText } from '../util/displayText';

/** Lines kept in memory for diagnostics and for tests that check what was written. */
const RECENT_LINES = 2_000;

/** vscode.LogLevel.Trace, without importing vscode at run time (this module is also used in plain Node). */
const TRACE_LEVEL = 1 as vscode.LogLevel.Trace;

export class ChannelLogger implements Logger {
  private readonly secrets = new Set<string>();
  private readonly recentLines: string[] = [];

  constructor(readonly channel: vscode.LogOutputChannel) {}

  /** A value never to be written, whatever a message contains: every token this window has seen. */
  addSecret(secret: string): void {
    if (secret) this.secrets.add(secret);
  }

  /** Personal data (emails, search text) is logged only at trace level, which the person chooses. */
  isTracing(): boolean {
    return this.channel.logLevel === TRACE_LEVEL;
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
    const redacted = redact(message, [...this.secrets]);
    return logText(this.isTracing() ? redacted : redactEmails(redacted));
  }
}
