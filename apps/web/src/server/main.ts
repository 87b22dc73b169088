// The dashboard's HTTP server: Next.js behind a plain Node server whose one job is to stamp each
// request with the socket's peer address (PEER_HEADER, overwriting anything a client sent under that
// name). Next.js itself only fills X-Forwarded-For when a client did not, so without this stamp a
// client could choose the address the sign-in throttle counts against (issue 7, M2).
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { PEER_HEADER } from '../auth/client-ip.ts';
import { env } from '../env.ts';

export function stampPeer(req: IncomingMessage): void {
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
}

const config = env();
const app = next({ dev: false, dir: fileURLToPath(new URL('../..', import.meta.url)), port: config.port, hostname: config.host });
const handle = app.getRequestHandler();
await app.prepare();
createServer((req, res) => {
  stampPeer(req);
  void handle(req, res);
}).listen(config.port, config.host, () => {
  console.log(JSON.stringify({ level: 'info', service: 'web', msg: `dashboard listening on ${config.host ?? '*'}:${config.port}` }));
});
