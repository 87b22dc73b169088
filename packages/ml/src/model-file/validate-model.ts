/**
 * Checks a parsed JSON document before it is used as a model: format name and version first (so an
 * unknown or future file is named as such), version-1 files upgraded, then the version-2 schema on
 * every field, then the checks a schema cannot make (sizes against the pipeline). The first problem
 * is reported with the path of its field.
 */
import type { z } from 'zod';
import { familyOf } from '../families/registry.ts';
import { checkPipeline } from '../pipeline/state-schema.ts';
import { ModelFileError } from './errors.ts';
import { modelFileSchema } from './schema.ts';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile } from './types.ts';
import { upgradeV1 } from './upgrade-v1.ts';

export { ModelFileError } from './errors.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "model.state.coefficients[3]" from zod's path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)),
    '',
  );
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const where = formatPath(issue.path);
  return where ? `field "${where}": ${issue.message}` : issue.message;
}

export function validateModelDocument(doc: unknown): ModelFile {
  if (!isObject(doc)) throw new ModelFileError('the document is not a JSON object');
  if (doc.format !== MODEL_FORMAT) throw new ModelFileError(`format is ${JSON.stringify(doc.format)}, expected "${MODEL_FORMAT}"`);
  const version = doc.formatVersion;
  if (version !== 1 && version !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `formatVersion ${JSON.stringify(version)} is not supported (this package reads versions 1 and ${MODEL_FORMAT_VERSION})`,
    );
  }
  const upgraded = version === 1 ? upgradeV1(doc) : doc;
  const parsed = modelFileSchema.safeParse(upgraded);
  if (!parsed.success)
    throw new ModelFileError(`${firstIssue(parsed.error)}${version === 1 ? ' (a version-1 file, read as version 2)' : ''}`);
  const model = parsed.data;
  const pipelineProblem = checkPipeline(model.pipeline);
  if (pipelineProblem) throw new ModelFileError(`field "${pipelineProblem.path}": ${pipelineProblem.message}`);
  const problem = familyOf(model.model.kind).check(model.model.state, model.pipeline);
  if (problem) throw new ModelFileError(`field "model.state${problem.path ? `.${problem.path}` : ''}": ${problem.message}`);
  return model;
}
