// The worker's own /healthz (process up) and /readyz (database reachable and the queue started).
import { createServer, type Server } from 'node:http';
import { ping, type Database } from '@probity/db';

export function createHealthServer(db: Database, isQueueRunning: () => boolean): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (path === '/healthz') return reply(200, { status: 'ok' });
    if (path !== '/readyz') return reply(404, { error: 'not found' });
    ping(db).then(
      () =>
        isQueueRunning()
          ? reply(200, { status: 'ready', checks: { database: 'ok', queue: 'ok' } })
          : reply(503, { status: 'not ready', checks: { database: 'ok', queue: 'stopped' } }),
      (error: Error) => reply(503, { status: 'not ready', checks: { database: `unreachable: ${error.message.split('\n')[0]}` } }),
    );
  });
}
