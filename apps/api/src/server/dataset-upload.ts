// POST /datasets: a CSV travels as the plain request body (curl --data-binary @file.csv), with the same
// credentials as /graphql; everything else about datasets is GraphQL. The body streams at once into
// the store (inside an open transaction) and through packages/ml's validator, so neither end holds the
// file; the dataset is committed only when validation passed, else the transaction rolls back and the
// report comes back with HTTP 422. Query parameters: name (required), description, target.
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { can } from '@probity/auth';
import { beginDatasetUpload, type Database, type Dataset, type JsonValue, type TenantScope } from '@probity/db';
import { validateUpload, type UploadValidation } from '@probity/ml';
import type { Caller } from '../context/caller.ts';

/** Larger files are refused while streaming (the issue's ceiling is 200 MB). */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export interface UploadResponse {
  status: number;
  body: unknown;
}

function problem(status: number, code: string, message: string, field?: string): UploadResponse {
  return { status, body: { error: { code, message, ...(field ? { field } : {}) } } };
}

function reportBody(validation: UploadValidation) {
  return {
    ok: validation.report.ok,
    issues: validation.report.issues,
    rows: validation.rows,
    bytes: validation.bytes,
    sha256: validation.sha256 || null,
    columns: validation.columns,
    target: validation.target,
    defaults: validation.defaults,
    defaultRate: validation.defaultRate,
  };
}

function datasetBody(dataset: Dataset) {
  return { ...dataset, createdAt: dataset.createdAt.toISOString() };
}

export async function handleDatasetUpload(
  req: IncomingMessage,
  url: URL,
  db: Database,
  caller: Caller,
  requestId: string,
): Promise<UploadResponse> {
  if (req.method !== 'POST') return problem(405, 'BAD_REQUEST', 'Use POST with the CSV file as the request body.');
  if (!can(caller.role, 'model:train'))
    return problem(403, 'FORBIDDEN', 'Uploading datasets needs the ANALYST role or higher (an API key with WRITE scope).');
  const name = url.searchParams.get('name')?.trim() ?? '';
  if (!name) return problem(400, 'BAD_USER_INPUT', 'name: give the dataset a name (?name=...)', 'name');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES) return problem(413, 'BAD_REQUEST', `The file is ${declared} bytes; the limit is ${MAX_UPLOAD_BYTES}.`);
  const scope: TenantScope = { organizationId: caller.organizationId, actor: caller.actor, requestId };
  const upload = await beginDatasetUpload(db, scope, { name, description: url.searchParams.get('description') });
  const toValidator = new PassThrough({ highWaterMark: 1 << 20 });
  const validation = validateUpload(toValidator, { target: url.searchParams.get('target') ?? undefined });
  let settled = false;
  void validation.finally(() => (settled = true)).catch(() => {});
  let received = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > MAX_UPLOAD_BYTES) {
        await upload.abort();
        toValidator.destroy();
        return problem(413, 'BAD_REQUEST', `The file passes the ${MAX_UPLOAD_BYTES}-byte limit.`);
      }
      await upload.write(chunk);
      // A validator that already stopped (a binary file, say) reads no more: keep storing to finish the body.
      if (!settled && !toValidator.write(chunk)) await Promise.race([once(toValidator, 'drain'), validation.catch(() => null)]);
    }
    toValidator.end();
    const result = await validation;
    if (!result.report.ok) {
      await upload.abort();
      return {
        status: 422,
        body: { error: { code: 'BAD_USER_INPUT', message: 'The file has errors: nothing was stored.' }, report: reportBody(result) },
      };
    }
    const { dataset, duplicate } = await upload.commit({
      sha256: result.sha256,
      rowCount: result.rows,
      columns: result.columns,
      targetColumn: result.target,
      defaultCount: result.defaults,
      defaultRate: result.defaultRate,
      validationReport: reportBody(result) as unknown as JsonValue,
    });
    return { status: duplicate ? 200 : 201, body: { dataset: datasetBody(dataset), duplicate, report: reportBody(result) } };
  } catch (error) {
    await upload.abort();
    toValidator.destroy();
    throw error;
  }
}
