import type { Logger } from '../../src/asana/logger';

/** A Logger that keeps every line, so tests can search the log (for a token, say). */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  trace(m: string): void {
    this.lines.push(`trace ${m}`);
  }
  debug(m: string): void {
    this.lines.push(`debug ${m}`);
  }
  info(m: string): void {
    this.lines.push(`info ${m}`);
  }
  warn(m: string): void {
    this.lines.push(`warn ${m}`);
  }
  error(m: string): void {
    this.lines.push(`error ${m}`);
  }
  get text(): string {
    return this.lines.join('\n');
  }
}
