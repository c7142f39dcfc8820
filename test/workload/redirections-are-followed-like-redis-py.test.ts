import { describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { error } from '../../sim/core/reply.ts';
import { keyOwnedBy } from './fake-cluster.ts';
import { clientSetup } from './helpers.ts';

describe('routing and redirections', () => {
  it('loads the slot map with CLUSTER SLOTS and sends each key to its slot owner only', () => {
    const { fc, client, run } = clientSetup();
    expect(client.cache.covered).toBe(16384);
    const key = keyOwnedBy(1);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('ok');
    expect(op.node).toBe('B');
    expect(fc.node('B').received).toContainEqual(['SET', key, 'v1']);
    expect(fc.node('A').received.some((a) => a[0] === 'SET')).toBe(false);
    expect(fc.node('C').received.some((a) => a[0] === 'SET')).toBe(false);
  });

  it('MOVED patches that slot and retries at the new owner, without reloading the whole map', () => {
    const { fc, client, run } = clientSetup();
    const key = keyOwnedBy(1);
    const slot = keyHashSlot(key);
    fc.assign(slot, 2); // the cluster moved it to C; the client still thinks B
    const refreshes = client.refresher.refreshes;
    const op = run('set', key, 'v1');
    expect(op.type).toBe('ok');
    expect(op.node).toBe('C');
    expect(fc.node('C').data.get(key)).toBe('v1');
    expect(fc.node('B').data.has(key)).toBe(false);
    expect(client.cache.owner(slot)).toBe(2);
    expect(client.cache.owner(slot === 0 ? 1 : slot - 1)).not.toBe(2);
    expect(client.refresher.refreshes).toBe(refreshes);
    // The next op on that slot goes straight to C.
    const bBefore = fc.node('B').received.length;
    expect(run('get', key).result).toBe('v1');
    expect(fc.node('B').received.length).toBe(bBefore);
  });

  it('every 5th MOVED reloads the whole slot map (redis-py reinitialize_steps)', () => {
    const { fc, client, run } = clientSetup();
    const refreshes = client.refresher.refreshes;
    for (let i = 0; i < 5; i++) {
      const key = keyOwnedBy(1, 3, `m${i}-`);
      fc.assign(keyHashSlot(key), 2);
      expect(run('set', key, `v${i}`).type).toBe('ok');
      expect(client.refresher.refreshes).toBe(i < 4 ? refreshes : refreshes + 1);
    }
  });

  it('ASK sends ASKING then the command to the target once, and leaves the slot map alone', () => {
    const { fc, client, run } = clientSetup();
    const key = keyOwnedBy(1);
    const slot = keyHashSlot(key);
    fc.node('B').migrating.set(slot, 2);
    fc.node('C').importing.add(slot);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('ok');
    expect(op.node).toBe('C');
    expect(fc.node('C').received).toEqual([['ASKING'], ['SET', key, 'v1']]);
    expect(client.cache.owner(slot)).toBe(1);
    expect(client.stats.ask).toBe(1);
    // Still B's slot for the client: the next op asks B first again.
    run('get', key);
    expect(fc.node('B').received.filter((a) => a[0] === 'GET')).toHaveLength(1);
  });

  it('ASK is one-shot: a TRYAGAIN from the ASK target is retried at the slot owner, which redirects again', () => {
    const { fc, run } = clientSetup();
    const key = keyOwnedBy(1);
    const slot = keyHashSlot(key);
    fc.node('B').migrating.set(slot, 2);
    fc.node('C').importing.add(slot);
    let n = 0;
    fc.node('C').script = (argv) => (argv[0] === 'SET' && n++ === 0 ? error('TRYAGAIN Multiple keys request during rehashing of slot') : undefined);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('ok');
    expect(fc.node('B').received.filter((a) => a[0] === 'SET')).toHaveLength(2);
    expect(fc.node('C').received).toEqual([['ASKING'], ['SET', key, 'v1'], ['ASKING'], ['SET', key, 'v1']]);
  });

  it('follow-redirects false records MOVED as a failed op and never contacts the new owner', () => {
    const { fc, client, run } = clientSetup({ followRedirects: false });
    const key = keyOwnedBy(1);
    fc.assign(keyHashSlot(key), 2);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('fail');
    expect(op.error).toMatch(/^MOVED \d+ 127\.0\.0\.1:7002$/);
    expect(op.node).toBe('B');
    expect(fc.node('C').received.some((a) => a[0] === 'SET')).toBe(false);
    expect(client.cache.owner(keyHashSlot(key))).toBe(1);
  });

  it('follow-redirects false records ASK as a failed op too', () => {
    const { fc, run } = clientSetup({ followRedirects: false });
    const key = keyOwnedBy(1);
    fc.node('B').migrating.set(keyHashSlot(key), 2);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('fail');
    expect(op.error).toMatch(/^ASK /);
    expect(fc.node('C').received).toEqual([]);
  });

  it('a MOVED ping-pong between two nodes gives up after 5 attempts as fail', () => {
    const { fc, run } = clientSetup();
    const key = keyOwnedBy(1);
    const slot = keyHashSlot(key);
    fc.node('B').view[slot] = 2;
    fc.node('C').view[slot] = 1;
    const op = run('set', key, 'v1');
    expect(op.type).toBe('fail');
    expect(op.error).toMatch(/^MOVED /);
    const sets = [...fc.node('B').received, ...fc.node('C').received].filter((a) => a[0] === 'SET');
    expect(sets).toHaveLength(5);
  });
});
