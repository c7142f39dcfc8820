import { describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { keyOwnedBy } from './fake-cluster.ts';
import { clientSetup } from './helpers.ts';

describe('slot map refresh', () => {
  it('skips a dead seed and loads the map from the next node', () => {
    const { fc, client, run } = clientSetup({ beforeLoad: (fc) => fc.net.kill(fc.node('A').pid) });
    expect(client.cache.covered).toBe(16384);
    expect(fc.node('B').received).toContainEqual(['CLUSTER', 'SLOTS']);
    expect(run('set', keyOwnedBy(1), 'v').type).toBe('ok');
  });

  it('gives a silent seed the op timeout, then asks the next node', () => {
    const { fc, client } = clientSetup({
      timeoutMs: 300,
      beforeLoad: (fc) => {
        fc.node('A').script = (argv) => (argv[0] === 'CLUSTER' ? 'silent' : undefined);
      },
    });
    expect(client.cache.covered).toBe(0); // still waiting on A after 10 ms
    fc.sched.runUntil(400);
    expect(client.cache.covered).toBe(16384);
    expect(fc.node('B').received).toContainEqual(['CLUSTER', 'SLOTS']);
  });

  it('keeps asking while a node answers with a map that misses slots, and takes a full one', () => {
    const { client } = clientSetup({
      beforeLoad: (fc) => {
        fc.node('A').view.fill(-1, 0, 100); // A lost track of slots 0-99
      },
    });
    expect(client.cache.covered).toBe(16384);
    expect(client.cache.owner(0)).toBe(0);
  });

  it('with no node answering, keeps the old map and the op fails after its attempts', () => {
    const { fc, client, run } = clientSetup();
    for (const n of fc.nodes) fc.net.kill(n.pid);
    const op = run('set', keyOwnedBy(2), 'v');
    expect(op.type).toBe('fail');
    expect(op.error).toBe('connection refused');
    expect(client.cache.owner(keyHashSlot(keyOwnedBy(2)))).toBe(2);
  });

  it('an op on a cold client waits for the first map instead of guessing a node', () => {
    const { fc, client, run } = clientSetup({ beforeLoad: (fc) => fc.net.pause(fc.node('A').pid), timeoutMs: 2000 });
    fc.net.resume(fc.node('A').pid);
    expect(client.cache.covered).toBe(0);
    const op = run('set', keyOwnedBy(2), 'v');
    expect(op.type).toBe('ok');
    expect(op.node).toBe('C');
  });
});
