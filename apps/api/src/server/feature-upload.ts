// POST /portfolios/<id>/features: a feature CSV (one row per obligor or exposure, keyed by its external
// id) as the plain request body, with the same credentials as /graphql: for files past the loadFeatures
// mutation's 10 MB. The body streams to a temporary file (never held in memory), then goes through the
// same reader, checks and COPY bulk path as the mutation and the CLI (@probity/db loadFeatures), in one
// transaction: a file with any error stores nothing and answers 422 with every issue.
// Query parameters: asOf (required, YYYY-MM-DD), level (EXPOSURE, the default, or OBLIGOR), idColumn, fileName.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { can } from '@probity/auth';
import { InputError, loadFeatures, portfoliosByIds, type Database, type FeatureLoad, type TenantScope } from '@probity/db';
import type { Caller } from '../context/caller.ts';
import { MAX_UPLOAD_BYTES, type UploadResponse } from './dataset-upload.ts';

function problem(status: number, code: string, message: string, field?: string): UploadResponse {
  return { status, body: { error: { code, message, ...(field ? { field } : {}) } } };
}

function loadBody(load: FeatureLoad) {
  return { ...load, createdAt: load.createdAt.toISOString() };
}

class TooLarge extends Error {}

export async function handleFeatureUpload(
  req: IncomingMessage,
  url: URL,
  portfolioId: string,
  db: Database,
  caller: Caller,
  requestId: string,
): Promise<UploadResponse> {
  if (req.method !== 'POST') return problem(405, 'BAD_REQUEST', 'Use POST with the CSV file as the request body.');
  if (!can(caller.role, 'features:write'))
    return problem(403, 'FORBIDDEN', 'Loading features needs the ANALYST role or higher (an API key with WRITE scope).');
  const level = (url.searchParams.get('level') ?? 'EXPOSURE').toUpperCase();
  if (level !== 'EXPOSURE' && level !== 'OBLIGOR') return problem(400, 'BAD_USER_INPUT', 'level: EXPOSURE or OBLIGOR', 'level');
  const asOf = url.searchParams.get('asOf') ?? '';
  if (!asOf) return problem(400, 'BAD_USER_INPUT', 'asOf: the day the values describe (?asOf=YYYY-MM-DD)', 'asOf');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return problem(413, 'BAD_REQUEST', `The file is ${declared} bytes; the limit is ${MAX_UPLOAD_BYTES}.`);
  const scope: TenantScope = { organizationId: caller.organizationId, actor: caller.actor, requestId };
  const [portfolio] = await portfoliosByIds(db, scope, [portfolioId]);
  if (!portfolio) return problem(404, 'NOT_FOUND', 'No such portfolio in your organization.', 'portfolioId');

  const dir = await mkdtemp(path.join(tmpdir(), 'probity-features-'));
  try {
    const file = path.join(dir, 'features.csv');
    let received = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        received += chunk.length;
        done(received > MAX_UPLOAD_BYTES ? new TooLarge() : null, chunk);
      },
    });
    try {
      await pipeline(req, limit, createWriteStream(file));
    } catch (error) {
      if (error instanceof TooLarge) return problem(413, 'BAD_REQUEST', `The file passes the ${MAX_UPLOAD_BYTES}-byte limit.`);
      throw error;
    }
    if (received === 0) return problem(400, 'BAD_USER_INPUT', 'The request body is empty: send the CSV file as the body.', 'body');
    try {
      const result = await loadFeatures(db, scope, {
        level,
        asOf,
        source: { path: file },
        idColumn: url.searchParams.get('idColumn') ?? undefined,
        fileName: url.searchParams.get('fileName'),
        portfolioId,
      });
      if (!result.ok) {
        return {
          status: 422,
          body: { error: { code: 'BAD_USER_INPUT', message: 'The file has errors: nothing was stored.' }, issues: result.issues },
        };
      }
      return { status: 201, body: { load: loadBody(result.load), issues: result.issues } };
    } catch (error) {
      if (error instanceof InputError) return problem(400, 'BAD_USER_INPUT', error.message, error.field);
      throw error;
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
