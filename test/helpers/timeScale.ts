/**
 * How much slower than usual the code under test runs: 1 normally; more under mutation testing,
 * where every expression is instrumented (test/mutation/run.ts sets ASANA_TEST_TIME_SCALE). The few
 * tests that bound how long something may take (a linear parser on a megabyte) scale their bound by it.
 */
export function timeScale(): number {
  const value = Number(process.env['ASANA_TEST_TIME_SCALE'] ?? '1');
  return Number.isFinite(value) && value >= 1 ? value : 1;
}
