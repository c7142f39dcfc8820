import { describe, expect, it } from 'vitest';
import { keyOwnedBy } from './fake-cluster.ts';
import { clientSetup } from './helpers.ts';

describe('timeouts', () => {
  it('no reply within the timeout is info (indeterminate), never fail, at exactly invoke + timeout', () => {
    const { fc, client, run } = clientSetup({ timeoutMs: 500 });
    fc.node('B').script = () => 'silent';
    const key = keyOwnedBy(1);
    const op = run('set', key, 'v1');
    expect(op.type).toBe('info');
    expect(op.error).toBe('timeout');
    expect(op.node).toBe('B');
    expect(op.completeMs - op.invokeMs).toBe(500);
    expect(client.stats.timeouts).toBe(1);
  });

  it('a timed-out connection is closed; the next op reconnects and is not confused by the late reply', () => {
    const { fc, run } = clientSetup({ timeoutMs: 500 });
    const b = fc.node('B');
    const key = keyOwnedBy(1);
    // B answers the first SET only after 800 ms: too late.
    let first = true;
    b.script = (argv) => {
      if (argv[0] !== 'SET' || !first) return undefined;
      first = false;
      fc.sched.after(800, () => b.data.set(key, 'late'));
      return 'silent';
    };
    expect(run('set', key, 'v1').type).toBe('info');
    const connects = fc.net.stats.connects;
    const op2 = run('get', key);
    expect(op2.type).toBe('ok');
    expect(fc.net.stats.connects).toBe(connects + 1);
    expect(op2.result).toBe('late');
  });

  it('a paused node: the op is info after the timeout, and the write waiting in its socket is applied on resume', () => {
    const { fc, run } = clientSetup({ timeoutMs: 500 });
    const b = fc.node('B');
    const key = keyOwnedBy(1);
    fc.net.pause(b.pid);
    const op = run('set', key, 'v1', 600);
    expect(op.type).toBe('info');
    fc.net.resume(b.pid);
    fc.sched.runUntil(fc.sched.now + 10);
    expect(b.data.get(key)).toBe('v1');
  });

  it('a partition between client and node: the request waits in the client, and the op is info at the timeout', () => {
    const { fc, pid, run } = clientSetup({ timeoutMs: 500 });
    const b = fc.node('B');
    fc.net.partition([[pid, b.pid], [fc.node('A').pid, fc.node('C').pid]]);
    expect(run('set', keyOwnedBy(1), 'v1').type).toBe('ok'); // same side
    fc.net.healAll();
    fc.net.partition([[pid], [b.pid]]);
    const op = run('set', keyOwnedBy(1), 'v2');
    expect(op.type).toBe('info');
    expect(op.error).toBe('timeout');
  });
});
