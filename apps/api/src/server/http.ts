// The HTTP front door: a plain Node server (no framework) in front of Apollo. It assigns a request id,
// authenticates the caller before any GraphQL work, serves health endpoints, limits body size, and
// hands everything else to Apollo's executeHTTPGraphQLRequest.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { isDatabaseUnavailable, type Database } from '@probity/db';
import type { JobClient } from '@probity/jobs';
import type { ApiContext } from '../context/context.ts';
import { createContext } from '../context/context.ts';
import { resolveCaller } from '../context/caller.ts';
import type { Logger } from '@probity/logging';
import { createReadiness } from './health.ts';
import type { SummaryCache } from '../context/summary-cache.ts';
import { runWithRequestId } from './request-context.ts';
import { handleDatasetUpload } from './dataset-upload.ts';
import { handleFeatureUpload } from './feature-upload.ts';
import type { CredentialCache } from '../context/credential-cache.ts';
import type { PortfolioCache } from '../context/portfolio-cache.ts';
import { scrape, type ApiMetrics, type Registry } from '@probity/metrics';
import { DATABASE_UNAVAILABLE } from '../errors.ts';

const MAX_BODY_BYTES = 1_000_000;
const REQUEST_ID = /^[A-Za-z0-9._-]{8,100}$/;
/** POST /portfolios/<id>/features: a feature CSV upload (server/feature-upload.ts). */
const FEATURE_UPLOAD_PATH = /^\/portfolios\/([^/]+)\/features$/;

export interface HttpOptions {
  apollo: ApolloServer<ApiContext>;
  db: Database;
  jobs: JobClient;
  log: Logger;
  serviceTokenSecret: string;
  summaries: SummaryCache;
  portfolios: PortfolioCache;
  credentials: CredentialCache;
  metrics: ApiMetrics;
  registry: Registry;
  /** When set, /metrics answers only `Authorization: Bearer <metricsToken>`. */
  metricsToken?: string | undefined;
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'x-request-id': requestId, 'cache-control': 'no-store' });
  res.end(text);
}

class BodyTooLarge extends Error {}

/** Constant-time comparison (of digests, so lengths never leak either). */
function sameSecret(presented: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented ?? ''), digest(expected));
}

// Past the limit the body is still read, and thrown away, so the 413 reaches a client that writes its
// whole body before reading (a socket destroyed mid-upload leaves it waiting, or resets the answer).
// Someone who keeps sending well past the limit is cut off.
const MAX_DRAINED_BYTES = 64 * MAX_BODY_BYTES;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
      chunks.length = 0;
      reject(new BodyTooLarge()); // the first call settles; the rest are no-ops
      if (size > MAX_DRAINED_BYTES) req.destroy();
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function graphQLErrorBody(message: string, code: string, requestId: string) {
  return { errors: [{ message, extensions: { code, requestId } }] };
}

export function createHttpServer(options: HttpOptions): Server {
  // Errors answered here, before Apollo, are counted here; Apollo's are counted by its plugin.
  const errorBody = (message: string, code: string, requestId: string) => {
    options.metrics.countError(code);
    return graphQLErrorBody(message, code, requestId);
  };
  const { apollo, db, jobs, log, serviceTokenSecret, summaries, portfolios, credentials, metrics, registry } = options;
  const readiness = createReadiness(db);

  return createServer((req, res) => {
    const incoming = req.headers['x-request-id'];
    const requestId = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const url = new URL(req.url ?? '/', 'http://localhost');
    const reqLog = log.child({ requestId });
    const started = performance.now();
    res.on('finish', () => {
      metrics.observeRequest({
        method: req.method ?? 'GET',
        path: url.pathname,
        status: res.statusCode,
        seconds: (performance.now() - started) / 1000,
      });
      reqLog.info(
        { method: req.method, path: url.pathname, status: res.statusCode, durationMs: Math.round((performance.now() - started) * 10) / 10 },
        'http request',
      );
    });

    void runWithRequestId(requestId, async () => {
      try {
        if (url.pathname === '/healthz') return send(res, 200, { status: 'ok' }, requestId);
        if (url.pathname === '/readyz') {
          const result = await readiness();
          return send(res, result.ready ? 200 : 503, { status: result.ready ? 'ready' : 'not ready', checks: result.checks }, requestId);
        }
        if (url.pathname === '/metrics') {
          if (options.metricsToken && !sameSecret(req.headers.authorization, `Bearer ${options.metricsToken}`))
            return send(res, 401, { error: 'metrics token required' }, requestId);
          const { contentType, body } = await scrape(registry);
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' });
          return void res.end(body);
        }
        const featureUpload = FEATURE_UPLOAD_PATH.exec(url.pathname);
        if (url.pathname !== '/graphql' && url.pathname !== '/datasets' && !featureUpload)
          return send(res, 404, { error: 'not found' }, requestId);
        if (url.pathname === '/graphql' && req.method !== 'POST' && req.method !== 'GET') {
          res.setHeader('allow', 'GET, POST');
          return send(res, 405, errorBody('Use GET or POST.', 'BAD_REQUEST', requestId), requestId);
        }

        const caller = await resolveCaller(db, req.headers.authorization, serviceTokenSecret, credentials);
        if (!caller) {
          return send(
            res,
            401,
            errorBody(
              'Authentication required: send Authorization: Bearer <API key>, or sign in to the dashboard.',
              'UNAUTHENTICATED',
              requestId,
            ),
            requestId,
          );
        }

        if (url.pathname === '/datasets' || featureUpload) {
          const result = featureUpload
            ? await handleFeatureUpload(req, url, decodeURIComponent(featureUpload[1]!), db, caller, requestId)
            : await handleDatasetUpload(req, url, db, caller, requestId);
          portfolios.invalidateAll(); // an upload writes: this process reads its own writes at once
          if (result.status >= 400 && !req.readableEnded) res.setHeader('connection', 'close');
          return send(res, result.status, result.body, requestId);
        }

        let body: unknown = undefined;
        if (req.method === 'POST') {
          const text = await readBody(req);
          const contentType = req.headers['content-type'] ?? '';
          if (contentType.includes('application/json')) {
            try {
              body = text ? JSON.parse(text) : undefined;
            } catch {
              return send(res, 400, errorBody('The request body is not valid JSON.', 'BAD_REQUEST', requestId), requestId);
            }
          } else {
            body = text;
          }
        }

        const headers = new HeaderMap();
        for (const [key, value] of Object.entries(req.headers)) {
          if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
        }
        const response = await apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method === 'GET' ? 'GET' : 'POST', headers, search: url.search, body },
          context: async () => createContext({ db, jobs, caller, requestId, log: reqLog, summaries, portfolios }),
        });
        const outHeaders: Record<string, string> = { 'x-request-id': requestId, 'cache-control': 'no-store' };
        for (const [key, value] of response.headers) outHeaders[key] = value;
        res.writeHead(response.status ?? 200, outHeaders);
        if (response.body.kind === 'complete') {
          res.end(response.body.string);
        } else {
          for await (const chunk of response.body.asyncIterator) res.write(chunk);
          res.end();
        }
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          // Answer at once and close the connection once the rest of the body has been read.
          res.setHeader('connection', 'close');
          return send(res, 413, errorBody(`Request body over ${MAX_BODY_BYTES} bytes.`, 'BAD_REQUEST', requestId), requestId);
        }
        if (isDatabaseUnavailable(error)) {
          reqLog.warn({ err: error }, 'database unavailable');
          if (res.headersSent) return void res.end();
          res.setHeader('retry-after', '1');
          return send(res, 503, errorBody(DATABASE_UNAVAILABLE, 'SERVICE_UNAVAILABLE', requestId), requestId);
        }
        reqLog.error({ err: error }, 'request failed');
        if (!res.headersSent)
          send(
            res,
            500,
            errorBody(`Internal server error. Quote request id ${requestId} when reporting it.`, 'INTERNAL_SERVER_ERROR', requestId),
            requestId,
          );
        else res.end();
      }
    });
  });
}
