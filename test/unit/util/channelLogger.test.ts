/** The extension's log lines, through ChannelLogger over a stand-in LogOutputChannel (no VS Code needed). */
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { REDACTED_EMAIL } from '../../../src/asana/personalData';
import { ChannelLogger } from '../../../src/log/channelLogger';

class FakeChannel {
  readonly lines: string[] = [];
  logLevel = 2; // vscode.LogLevel.Debug
  trace(m: string): void {
    this.lines.push(m);
  }
  debug(m: string): void {
    this.lines.push(m);
  }
  info(m: string): void {
    this.lines.push(m);
  }
  warn(m: string): void {
    this.lines.push(m);
  }
  error(m: string): void {
    this.lines.push(m);
  }
}

function logger(level = 2): { log: ChannelLogger; channel: FakeChannel } {
  const channel = new FakeChannel();
  channel.logLevel = level;
  return { log: new ChannelLogger(channel as unknown as vscode.LogOutputChannel), channel };
}

describe('ChannelLogger', () => {
  it('a name cannot forge a log entry or reverse one', () => {
    const { log, channel } = logger();
    log.info('Signed in as Ada\n2026-01-01 12:00:00.000 [error] Your token expired: paste it at https://evil.example');
    log.warn('Could not remove abc\u202efdp.exe');
    assert.deepEqual(channel.lines, [
      'Signed in as Ada\n    2026-01-01 12:00:00.000 [error] Your token expired: paste it at https://evil.example',
      'Could not remove abc\\u202efdp.exe',
    ]);
  });

  it('keeps emails out unless the level is trace, and the token out always', () => {
    const { log, channel } = logger();
    log.addSecret('0123456789abcdef');
    log.info('Added ada@acme.test with token 0123456789abcdef.');
    assert.equal(channel.lines[0], `Added ${REDACTED_EMAIL} with token [redacted].`);
    assert.equal(log.isTracing(), false);
    channel.logLevel = 1; // vscode.LogLevel.Trace
    assert.equal(log.isTracing(), true);
    log.info('Added ada@acme.test with token 0123456789abcdef.');
    assert.equal(channel.lines[1], 'Added ada@acme.test with token [redacted].');
    assert.deepEqual(log.recent, [`info ${channel.lines[0]}`, `info ${channel.lines[1]}`]);
  });

  it('clean() is safe to apply twice, as a stack trace passed through it and then logged is', () => {
    const { log, channel } = logger();
    const stack = 'Error: boom\n    at f (x.js:1:1)';
    log.error(`Failed\n${log.clean(stack)}`);
    assert.equal(channel.lines[0], 'Failed\n    Error: boom\n    at f (x.js:1:1)');
  });
});
