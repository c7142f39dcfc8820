// The commands the server answers itself, with the replies and errors a
// real 7.0.15 gave (checked with redis-cli against throwaway servers):
// PING, ECHO, SELECT in cluster mode, ASKING/READONLY/READWRITE, and CLUSTER
// and CONFIG reaching their dispatchers through processCommand.

import { describe, expect, it } from 'vitest';
import { replyToLine, replyToText } from '../../sim/core/reply.ts';
import { formedCluster } from './cluster-world.ts';

describe('server commands', () => {
  const t = formedCluster({ masters: 3, replicasPerMaster: 0 });
  const r = (...argv: string[]): string => replyToLine(t.cmd('A', ...argv)!);

  it('PING and ECHO', () => {
    expect(r('PING')).toBe('PONG');
    expect(r('PING', 'hello')).toBe('"hello"');
    expect(r('PING', 'a', 'b')).toBe("-ERR wrong number of arguments for 'ping' command");
    expect(r('ECHO', 'x')).toBe('"x"');
    expect(r('ECHO')).toBe("-ERR wrong number of arguments for 'echo' command");
  });
  it('SELECT: only DB 0 in cluster mode', () => {
    expect(r('SELECT', '0')).toBe('OK');
    expect(r('SELECT', '1')).toBe('-ERR SELECT is not allowed in cluster mode');
    expect(r('SELECT', 'x')).toBe('-ERR value is not an integer or out of range');
  });
  it('connection flags answer OK; the names are case-insensitive', () => {
    expect(r('asking')).toBe('OK');
    expect(r('ReadOnly')).toBe('OK');
    expect(r('READWRITE')).toBe('OK');
    expect(r('ASKING', 'x')).toBe("-ERR wrong number of arguments for 'asking' command");
  });
  it('CLUSTER goes to the cluster dispatcher', () => {
    expect(replyToText(t.cmd('A', 'CLUSTER', 'INFO')!)).toMatch(/^cluster_state:ok\r\n/);
    expect(r('CLUSTER', 'MYID')).toBe(JSON.stringify(t.srv('A').cs.myself.name));
    expect(r('CLUSTER')).toBe("-ERR wrong number of arguments for 'cluster' command");
  });
  it('CONFIG SET changes what replication uses', () => {
    expect(r('CONFIG', 'SET', 'repl-backlog-size', '2mb')).toBe('OK');
    expect(replyToText(t.cmd('A', 'INFO', 'replication')!)).toContain('repl_backlog_size:2097152\r\n');
    expect(r('CONFIG', 'GET', 'repl-backlog-size')).toBe('["repl-backlog-size","2097152"]');
  });
  it('CONFIG GET port answers the port the node listens on', () => {
    expect(r('CONFIG', 'GET', 'port')).toBe(`["port","${t.srv('A').cs.myself.port}"]`);
    expect(r('CONFIG', 'GET', 'cluster-enabled')).toBe('["cluster-enabled","yes"]');
  });
  it('REPLCONF from a client that is not a replica', () => {
    expect(r('REPLCONF', 'listening-port', '1234')).toBe('OK');
    expect(r('REPLCONF', 'a')).toBe('-ERR syntax error');
    expect(r('REPLCONF', 'foo', 'bar')).toBe('-ERR Unrecognized REPLCONF option: foo');
  });
});
