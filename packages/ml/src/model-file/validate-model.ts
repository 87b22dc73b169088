/**
 * Checks a parsed JSON document before it is used as a model: format name and version first (so an
 * unknown or future file is named as such), then the parts each kind needs, with the path of any
 * field that is wrong.
 */
import { deserializeDeep } from '../deep/serialize.ts';
import { designLayout } from '../pipeline/design-matrix.ts';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelFile } from './types.ts';

export class ModelFileError extends Error {
  constructor(message: string) {
    super(`invalid model file: ${message}`);
    this.name = 'ModelFileError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function requireField(doc: Record<string, unknown>, path: string, check: (v: unknown) => boolean, expected: string): void {
  if (!check(doc[path])) throw new ModelFileError(`field "${path}" must be ${expected}`);
}

const isNumberArray = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x));

export function validateModelDocument(doc: unknown): ModelFile {
  if (!isObject(doc)) throw new ModelFileError('the document is not a JSON object');
  if (doc.format !== MODEL_FORMAT) throw new ModelFileError(`format is ${JSON.stringify(doc.format)}, expected "${MODEL_FORMAT}"`);
  if (doc.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new ModelFileError(
      `formatVersion ${JSON.stringify(doc.formatVersion)} is not supported (this package reads version ${MODEL_FORMAT_VERSION})`,
    );
  }
  requireField(doc, 'kind', (v) => v === 'logistic' || v === 'deep' || v === 'fusion', '"logistic", "deep" or "fusion"');
  requireField(
    doc,
    'pipeline',
    (v) => isObject(v) && Array.isArray(v.numeric) && Array.isArray(v.categorical) && Array.isArray(v.sequences),
    'a fitted pipeline',
  );
  requireField(doc, 'calibration', (v) => isObject(v) && ['none', 'platt', 'isotonic'].includes(v.method as string), 'a calibration');
  requireField(doc, 'target', (v) => isObject(v) && typeof v.column === 'string', 'the target description');
  requireField(doc, 'labels', isObject, 'an object of feature labels');
  const model = doc as unknown as ModelFile;
  const needsLogistic = model.kind !== 'deep';
  const needsDeep = model.kind !== 'logistic';
  if (needsLogistic) {
    const logistic = doc.logistic;
    if (!isObject(logistic)) throw new ModelFileError(`a ${model.kind} model needs the "logistic" part`);
    if (!isNumberArray(logistic.coefficients) || typeof logistic.intercept !== 'number' || !Number.isFinite(logistic.intercept)) {
      throw new ModelFileError('logistic.coefficients must be finite numbers and logistic.intercept a finite number');
    }
    const layout = designLayout(model.pipeline);
    const columns = logistic.columns as unknown[];
    if (
      !Array.isArray(columns) ||
      columns.length !== layout.columnCount ||
      (logistic.coefficients as number[]).length !== layout.columnCount
    ) {
      throw new ModelFileError(
        `logistic has ${(logistic.coefficients as number[]).length} coefficients but its pipeline makes ${layout.columnCount} columns`,
      );
    }
    const mismatch = layout.columns.findIndex((c, j) => c.name !== columns[j]);
    if (mismatch >= 0)
      throw new ModelFileError(
        `logistic column ${mismatch} is "${String(columns[mismatch])}" but the pipeline makes "${layout.columns[mismatch]!.name}"`,
      );
    if (!isNumberArray(logistic.columnMeans) || (logistic.columnMeans as number[]).length !== layout.columnCount) {
      throw new ModelFileError('logistic.columnMeans must have one number per column');
    }
    const penalty = logistic.penalty;
    if (
      penalty !== undefined &&
      !(isObject(penalty) && ['l2', 'l1', 'elasticnet'].includes(penalty.kind as string) && typeof penalty.l1Ratio === 'number')
    ) {
      throw new ModelFileError('logistic.penalty must be {kind: "l2" | "l1" | "elasticnet", l1Ratio: number}');
    }
  }
  if (needsDeep) {
    if (doc.deep === null || doc.deep === undefined) throw new ModelFileError(`a ${model.kind} model needs the "deep" part`);
    try {
      model.deep = deserializeDeep(doc.deep);
    } catch (error) {
      throw new ModelFileError(`deep: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (model.kind === 'fusion') {
    const fusion = doc.fusion;
    if (
      !isObject(fusion) ||
      ![fusion.logisticWeight, fusion.deepWeight, fusion.intercept].every((v) => typeof v === 'number' && Number.isFinite(v))
    ) {
      throw new ModelFileError('fusion needs finite logisticWeight, deepWeight and intercept');
    }
  }
  return model;
}
