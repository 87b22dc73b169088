/** The probity-ml command line: train, score, explain, validate (bin/probity-ml.js runs it). */
import { DataValidationError, formatReport, makeReport } from '../data/validation-report.ts';
import { UsageError } from './args.ts';
import { writeLine, type CliIO } from './io.ts';
import { USAGE } from './usage.ts';

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'train': {
        const { trainCommand } = await import('./commands/train.ts');
        return await trainCommand(rest, io);
      }
      case 'score': {
        const { scoreCommand } = await import('./commands/score.ts');
        return await scoreCommand(rest, io);
      }
      case 'validate': {
        const { validateCommand } = await import('./commands/validate.ts');
        return await validateCommand(rest, io);
      }
      case 'explain': {
        const { explainCommand } = await import('./commands/explain.ts');
        return await explainCommand(rest, io);
      }
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}`);
    }
  } catch (error) {
    if (error instanceof DataValidationError) {
      // Errors first (one line each), then the warnings that give context.
      const issues = [...error.report.issues].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
      writeLine(io.stderr, 'The data failed validation:');
      writeLine(io.stderr, formatReport(makeReport(issues)));
      return 2;
    }
    if (error instanceof UsageError) {
      writeLine(io.stderr, `probity-ml: ${error.message}\n`);
      io.stderr.write(USAGE);
      return 1;
    }
    writeLine(io.stderr, `probity-ml: ${describeFailure(error)}`);
    return 1;
  }
}

/** One line for an unexpected failure: its message, never a stack; running out of memory said plainly. */
function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/allocation failed|out of memory|Memory\.grow|Invalid typed array length|Array buffer allocation/i.test(message)) {
    return `ran out of memory (${message.split('\n')[0]}): give --max-memory a figure this machine can hold, or use fewer rows or columns`;
  }
  return message.split('\n')[0]!;
}
