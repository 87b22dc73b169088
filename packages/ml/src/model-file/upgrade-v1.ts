/**
 * Version-1 model files kept the logistic, deep and fusion parts at the top level; version 2 keeps
 * one `model: {kind, state}`. This rewrites a version-1 document into version 2 (then the version-2
 * schema checks it), so files written before trees existed still score exactly as they did.
 */
import { ModelFileError } from './errors.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function part(doc: Record<string, unknown>, name: 'logistic' | 'deep', kind: string): Record<string, unknown> {
  const value = doc[name];
  if (!isObject(value)) throw new ModelFileError(`a ${kind} model needs the "${name}" part (a version-1 file)`);
  return value;
}

export function upgradeV1(doc: Record<string, unknown>): Record<string, unknown> {
  const { kind, logistic: _logistic, deep: _deep, fusion, formatVersion: _version, ...rest } = doc;
  let model: Record<string, unknown>;
  if (kind === 'logistic' || kind === 'deep') {
    model = { kind, state: part(doc, kind, kind) };
  } else if (kind === 'fusion') {
    const logistic = part(doc, 'logistic', kind);
    const deep = part(doc, 'deep', kind);
    if (!isObject(fusion)) throw new ModelFileError('a fusion model needs the "fusion" part (a version-1 file)');
    model = {
      kind,
      state: {
        intercept: fusion.intercept,
        members: [
          { weight: fusion.logisticWeight, model: { kind: 'logistic', state: logistic } },
          { weight: fusion.deepWeight, model: { kind: 'deep', state: deep } },
        ],
        dropped: [],
      },
    };
  } else {
    throw new ModelFileError(`field "kind" must be "logistic", "deep" or "fusion" in a version-1 file, got ${JSON.stringify(kind)}`);
  }
  return { ...rest, formatVersion: 2, model };
}
