// Rule: a step that talks to a node that is not running fails the way a
// real client would: "Connection refused". When the file makes that certain
// (the node was killed by name and not restarted, or is a cluster.add node
// not started yet) `sim check` reports it; otherwise the step fails when it
// runs. Either way a step whose `reply:` expects the refusal passes.
// (Positions are an entry's first key: its `at:`.)

import { describe, expect, it } from 'vitest';
import { formatScenarioError } from '../../sim/scenario/errors.ts';
import { loadScenario } from '../../sim/scenario/load.ts';
import { runScenario } from '../../sim/run/runner.ts';
import { linesOf, scenarioOf } from '../scenario/helpers.ts';

const REFUSED = 'a client gets "Could not connect to Redis at 127.0.0.1:7000: Connection refused"';

describe('sim check: what is certain', () => {
  it('a redis: command to a node killed by name and not restarted', () => {
    expect(linesOf('duration: 5s\ntimeline:\n  - at: 1s\n    kill: A\n  - at: 2s\n    redis: { node: A, command: "CLUSTER INFO" }\n')).toEqual([
      `test.yaml:5:5: redis: A is not running here (killed at 3:5 and not restarted); ${REFUSED} (write reply: { matches: "Connection refused" } if that is what the step is for)`,
    ]);
  });

  it('a redis-cli node argument that was never started', () => {
    const lines = linesOf('cluster:\n  add: [D]\ntimeline:\n  - at: 1s\n    redis-cli: "--cluster add-node @D @A"\n');
    expect(lines).toEqual(['test.yaml:4:5: redis-cli: D is not running here (it is declared under cluster.add and not started yet); a client gets "Could not connect to Redis at 127.0.0.1:7006: Connection refused"']);
  });

  it('inside a repeat, the second time round counts', () => {
    const text = 'timeline:\n  - repeat:\n      times: 2\n      do:\n        - after: 1s\n          redis: { node: A, command: PING }\n        - after: 1s\n          kill: A\n';
    expect(linesOf(text)[0]).toMatch(/^test\.yaml:5:11: redis: A is not running here \(killed at 7:11 and not restarted\)/);
    expect(scenarioOf(text.replace('times: 2', 'times: 1')).timeline).toHaveLength(1);
  });

  it('not what is uncertain or fine: restarted, started, shutdown, a selector, a reply that expects the refusal', () => {
    for (const steps of [
      '  - kill: A\n  - restart: A\n  - redis: { node: A, command: PING }\n',
      '  - kill: { owner-of-slot: 0 }\n  - redis: { node: A, command: PING }\n',
      '  - shutdown: A\n  - redis: { node: A, command: PING }\n',
      '  - kill: A\n  - restart: { replica-of: B }\n  - redis: { node: A, command: PING }\n',
      '  - kill: A\n  - redis: { node: A, command: PING, reply: { matches: "Connection refused" } }\n',
      '  - kill: A\n  - kill: A\n  - pause: A\n',
    ]) {
      expect(loadScenario('t.yaml', `timeline:\n${steps}`).ok, steps).toBe(true);
    }
  });
});

describe('at run time: what only the run knows', () => {
  const BY_SELECTOR = 'duration: 10s\ntimeline:\n  - at: 1s\n    kill: { owner-of-slot: 0 }\n  - at: 2s\n    redis: { node: A, command: "CLUSTER INFO"REPLY }\n';

  it('the step fails with the refusal, and the run exits 1', () => {
    const r = runScenario(scenarioOf(BY_SELECTOR.replace('REPLY', '')), { seed: 1 });
    expect(r.stepFailures.map((f) => `${f.pos.line}:${f.pos.col} ${f.why}`)).toEqual(['5:5 A is not running: Could not connect to Redis at 127.0.0.1:7000: Connection refused']);
    expect(r.events.filter((e) => e.type === 'command').map((e) => (e as { reply: string }).reply)).toEqual(['Could not connect to Redis at 127.0.0.1:7000: Connection refused']);
    expect(r.exitCode).toBe(1);
  });

  it('unless the step expects it', () => {
    const r = runScenario(scenarioOf(BY_SELECTOR.replace('REPLY', ', reply: { matches: "^Could not connect.*Connection refused$" }')), { seed: 1 });
    expect(r.stepFailures).toEqual([]);
    expect(r.exitCode).toBe(0);
  });

  it('a file sim check rejects for this does not run either', () => {
    const bad = loadScenario('t.yaml', 'timeline:\n  - kill: A\n  - redis: { node: A, command: PING }\n');
    expect(bad.ok ? [] : bad.errors.map(formatScenarioError)[0]).toMatch(/A is not running here/);
  });
});
