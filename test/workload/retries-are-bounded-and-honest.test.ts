import { describe, expect, it } from 'vitest';
import { keyHashSlot } from '../../sim/core/keyslot.ts';
import { error } from '../../sim/core/reply.ts';
import { keyOwnedBy } from './fake-cluster.ts';
import { clientSetup } from './helpers.ts';

describe('retries', () => {
  it('TRYAGAIN is retried at the same node after 50 ms', () => {
    const { fc, client, run } = clientSetup();
    const key = keyOwnedBy(1);
    let n = 0;
    fc.node('B').script = (argv) => (argv[0] === 'SET' && n++ === 0 ? error('TRYAGAIN Multiple keys request during rehashing of slot') : undefined);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('ok');
    expect(op.completeMs - op.invokeMs).toBeGreaterThanOrEqual(50);
    expect(op.completeMs - op.invokeMs).toBeLessThan(55);
    expect(client.stats.tryagain).toBe(1);
    expect(fc.node('B').data.get(key)).toBe('v1');
  });

  it('CLUSTERDOWN reloads the slot map and retries after 250 ms, at most 5 attempts, then fails', () => {
    const { fc, client, run } = clientSetup({ timeoutMs: 5000 });
    const key = keyOwnedBy(0);
    fc.node('A').script = (argv) => (argv[0] === 'SET' ? error('CLUSTERDOWN The cluster is down') : undefined);
    const refreshes = client.refresher.refreshes;
    const op = run('set', key, 'v1', 10_000);
    expect(op.type).toBe('fail');
    expect(op.error).toBe('CLUSTERDOWN The cluster is down');
    expect(fc.node('A').received.filter((a) => a[0] === 'SET')).toHaveLength(5);
    expect(op.completeMs - op.invokeMs).toBeGreaterThanOrEqual(4 * 250);
    expect(client.refresher.refreshes).toBeGreaterThan(refreshes);
  });

  it('retries stop at the timeout: a definite error followed by no time left is fail, not info', () => {
    const { fc, run } = clientSetup({ timeoutMs: 300 });
    const key = keyOwnedBy(0);
    fc.node('A').script = (argv) => (argv[0] === 'SET' ? error('CLUSTERDOWN The cluster is down') : undefined);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('fail');
    expect(op.completeMs - op.invokeMs).toBe(300);
    expect(fc.node('A').received.filter((a) => a[0] === 'SET')).toHaveLength(2);
  });

  it('a refused connection means the request never left: retried at the owner the refreshed map names', () => {
    const { fc, client, run } = clientSetup();
    const key = keyOwnedBy(1);
    const slot = keyHashSlot(key);
    fc.net.kill(fc.node('B').pid);
    fc.assign(slot, 2); // the survivors already promoted C for that slot
    const op = run('set', key, 'v1');
    expect(op.type).toBe('ok');
    expect(op.node).toBe('C');
    expect(client.cache.owner(slot)).toBe(2);
    expect(client.stats.connectionsLost).toBeGreaterThanOrEqual(1);
  });

  it('a refused connection with nowhere else to go is fail (never sent), not info', () => {
    const { fc, run } = clientSetup();
    fc.net.kill(fc.node('B').pid);
    const op = run('set', keyOwnedBy(1), 'v1');
    expect(op.type).toBe('fail');
    expect(op.error).toBe('connection refused');
  });

  it('follow-redirects false: a refused connection is fail at once, with no retry', () => {
    const { fc, run } = clientSetup({ followRedirects: false });
    fc.net.kill(fc.node('B').pid);
    const op = run('set', keyOwnedBy(1), 'v1');
    expect(op.type).toBe('fail');
    expect(op.completeMs - op.invokeMs).toBeLessThan(5);
  });

  it('a connection lost after the request left is retried; an ok retry is ok (the write may now be applied twice)', () => {
    const { fc, run } = clientSetup();
    const key = keyOwnedBy(1);
    const b = fc.node('B');
    let first = true;
    b.script = (argv, node) => {
      if (argv[0] !== 'RPUSH' || !first) return undefined;
      first = false;
      // Apply, then crash before replying; the node comes back with its data (as with AOF).
      node.data.set(argv[1]!, [argv[2]!]);
      fc.sched.after(0, () => fc.net.kill(node.pid));
      fc.sched.after(100, () => fc.net.restart(node.pid));
      return 'silent';
    };
    const op = run('rpush', key, 'e1');
    expect(op.type).toBe('ok');
    expect(b.data.get(key)).toEqual(['e1', 'e1']);
  });

  it('once an attempt may have been applied, a later definite failure still ends as info', () => {
    const { fc, run } = clientSetup();
    const key = keyOwnedBy(1);
    const b = fc.node('B');
    let first = true;
    b.script = (argv, node) => {
      if (argv[0] !== 'SET') return undefined;
      if (!first) return error('CLUSTERDOWN The cluster is down');
      first = false;
      fc.sched.after(0, () => fc.net.kill(node.pid));
      fc.sched.after(100, () => fc.net.restart(node.pid));
      return 'silent';
    };
    const op = run('set', key, 'v1');
    expect(op.type).toBe('info');
    expect(op.error).toBe('CLUSTERDOWN The cluster is down');
  });
});
