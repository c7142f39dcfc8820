// Server commands that tutorials reach for beyond the keyspace: ROLE, AUTH,
// PUBLISH and SPUBLISH. Replies and error texts are Redis 7.0.15's
// (test/fixtures/sessions-real-redis.json).
//
// Pub/sub: the simulator has no subscribers (SUBSCRIBE would turn a
// connection into a push stream, which the request/response model does not
// carry), so PUBLISH and SPUBLISH answer 0 receivers, which is what a real
// node answers when nobody is subscribed. In a real cluster PUBLISH is also
// forwarded to every node over the bus (and SPUBLISH to the shard's
// replicas); with no subscriber anywhere that changes no reply, so the
// forwarding is not modelled.

import { array, bulk, error, int, OK, type Reply } from '../core/reply.ts';
import type { ClientConn } from './client.ts';
import type { RedisServer } from './server.ts';

const AUTH_WITHOUT_PASSWORD = error(
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
);
export const WRONGPASS = error('WRONGPASS invalid username-password pair or user is disabled.');

/** ROLE: ["master", offset, [[ip, port, ack offset]…]] or ["slave", host, port, state, offset]. */
export function roleCommand(srv: RedisServer): Reply {
  const repl = srv.repl;
  if (repl.masterHost === null) {
    const replicas = repl.master.slaves.map((s) => {
      const r = s.replica!;
      return array([bulk(srv.env.busPeerIp(s.conn)), bulk(String(r.listeningPort)), bulk(String(r.ackOff))]);
    });
    return array([bulk('master'), int(repl.history.masterReplOffset), array(replicas)]);
  }
  const rep = repl.replica;
  const state = rep.inHandshake ? 'handshake' : rep.state === 'transfer' ? 'sync' : rep.state;
  return array([bulk('slave'), bulk(repl.masterHost), int(repl.masterPort), bulk(state), int(rep.master !== null ? rep.master.reploff : -1)]);
}

/**
 * AUTH [username] password, for the default user only (no ACL users): with
 * requirepass empty the one-argument form is an error and the two-argument
 * form succeeds for `default` (nopass); otherwise the password must match.
 */
export function authCommand(srv: RedisServer, c: ClientConn, argv: readonly string[]): Reply {
  if (argv.length > 3) return error('ERR syntax error');
  const pass = srv.config.requirepass;
  if (argv.length === 2 && pass === '') return AUTH_WITHOUT_PASSWORD;
  const user = argv.length === 3 ? argv[1]! : 'default';
  const given = argv[argv.length - 1]!;
  if (user !== 'default' || (pass !== '' && given !== pass)) return WRONGPASS; // an earlier AUTH still holds
  c.authenticated = true;
  return OK;
}

/** PUBLISH channel message / SPUBLISH shardchannel message: receivers reached (none; see the header). */
export function publishCommand(): Reply {
  return int(0);
}
