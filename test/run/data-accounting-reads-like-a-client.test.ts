// Lost writes and `keys: { readable: all }` read the final state the way a
// client does: from the slot's owner, following MOVED and ASK. During an open
// migration (source MIGRATING, target IMPORTING) a key already moved with
// MIGRATE is gone from the source, which answers `-ASK` for it (as real 7.0
// does, spec §15.2), and the client reads it from the target: not missing.
import { describe, expect, it } from 'vitest';
import { runText, failures } from '../scenarios/helpers.ts';

const scenario = (closeMigration: boolean): string => `name: open-migration-accounting
duration: 8s
cluster:
  masters: 3
  replicas: 0
workload:
  - name: w
    rate: 100/s
    keys: { count: 20, pattern: "{h}:%d" }
    mix: { set: 1 }
    from: 1s
    to: 2s
timeline:
  - at: 3s
    redis: { node: B, command: "CLUSTER SETSLOT 11694 IMPORTING @C", reply: OK }
  - after: 0s
    redis: { node: C, command: "CLUSTER SETSLOT 11694 MIGRATING @B", reply: OK }
  - after: 0s
    redis: { node: C, command: 'MIGRATE 127.0.0.1 7001 "" 0 5000 KEYS {h}:1 {h}:2 {h}:3 {h}:4 {h}:5', reply: OK }
${closeMigration ? '' : '  - after: 0s\n    redis: { node: B, command: "CLUSTER SETSLOT 11694 STABLE", reply: OK }\n'}expect:
  - at: end
    keys: { readable: all }
  - at: end
    lost-writes: 0
`;

describe('data accounting follows MOVED/ASK like a client', () => {
  it('keys moved by an open migration are read through ASK: readable, none lost', () => {
    const r = runText('open-migration-accounting.yaml', scenario(true), 1);
    expect(r.data.ackedWrites).toBeGreaterThan(50);
    expect(failures(r)).toEqual([]);
  });

  it('a key the client cannot reach (the target forgot it is importing, so it answers MOVED back) is still missing', () => {
    const r = runText('open-migration-accounting.yaml', scenario(false), 1);
    const why = failures(r).join('\n');
    expect(why).toMatch(/does not read back/);
    expect(why).toMatch(/acknowledged writes lost/);
  });
});
