// Lints a snippet as if it lived at a path of the repository, with the repository's real configuration.
// Type-aware rules are switched off: the snippets are not files any tsconfig includes, and none of the
// rules under test needs types.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const eslint = new ESLint({ cwd: root, overrideConfig: [tseslint.configs.disableTypeChecked] });

export interface Finding {
  ruleId: string | null;
  message: string;
  line: number;
}

export async function lint(file: string, code: string): Promise<Finding[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => ({ ruleId: m.ruleId, message: m.message, line: m.line }));
}
