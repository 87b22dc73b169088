// The worker's own /healthz (process up), /readyz (database reachable and the queue started) and
// /metrics (Prometheus: jobs, queue depth, pool; see packages/metrics).
import { createServer, type Server } from 'node:http';
import { ping, type Database } from '@probity/db';
import { scrape, type Registry } from '@probity/metrics';

export function createHealthServer(db: Database, isQueueRunning: () => boolean, registry: Registry): Server {
  return createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (path === '/healthz') return reply(200, { status: 'ok' });
    if (path === '/metrics') {
      scrape(registry).then(
        ({ contentType, body }) => {
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          res.end(body);
        },
        (error: Error) => reply(503, { error: `metrics unavailable: ${error.message.split('\n')[0]}` }),
      );
      return;
    }
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
