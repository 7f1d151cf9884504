/** The client's logging seam: the extension plugs in a LogOutputChannel, tests a recorder. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /**
   * True when the person has raised the log level to trace: only then may lines carry personal
   * data (emails, what was typed into a search). Absent means false.
   */
  isTracing?(): boolean;
}

export const silentLogger: Logger = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export function isTracing(logger: Logger): boolean {
  return logger.isTracing?.() === true;
}
