/** Reading and writing model files. */
import { readFile, writeFile } from 'node:fs/promises';
import type { ModelFile } from './types.ts';
import { ModelFileError, validateModelDocument } from './validate-model.ts';

export function serializeModel(model: ModelFile): string {
  return JSON.stringify(model);
}

export function parseModel(text: string): ModelFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ModelFileError(`not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return validateModelDocument(doc);
}

export async function loadModel(path: string): Promise<ModelFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`cannot read model file ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return parseModel(text);
  } catch (error) {
    if (error instanceof ModelFileError) throw new ModelFileError(`${path}: ${error.message.replace(/^invalid model file: /, '')}`);
    throw error;
  }
}

export async function saveModel(path: string, model: ModelFile): Promise<void> {
  await writeFile(path, serializeModel(model));
}
