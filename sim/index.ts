// Placeholder public API, to be replaced by the real one: just enough for the
// packed-tarball test (scripts/pack-test.mjs) to exercise the package end to end.
export { loadScenario, formatScenarioError, type Scenario, type LoadResult } from './scenario/index.ts';
export { runScenario, type RunOptions, type RunResult } from './run/runner.ts';
export { keyHashSlot } from './core/keyslot.ts';
