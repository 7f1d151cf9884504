/** What every scenario gets from bench/run.ts. */
import type { BenchEmulator } from './emulatorProcess';

export interface ScenarioContext {
  /** `--quick`: fewer rounds, a smoke run of every code path. */
  readonly quick: boolean;
  /** The shared emulator (seeded with 10,000 members in Acme); scenarios configure it and reset it when done. */
  readonly emulator: BenchEmulator;
  /** Progress, to stderr: stdout carries the table only. */
  readonly log: (message: string) => void;
}

/** Latency the emulator adds to every request unless a scenario says otherwise: a fast, near network. */
export const DEFAULT_LATENCY_MS = 25;
