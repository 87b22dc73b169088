/** The probity-ml command line: train, score, explain (bin/probity-ml.js runs it). */
import { DataValidationError, formatReport } from '../data/validation-report.ts';
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
      writeLine(io.stderr, 'The data failed validation:');
      writeLine(io.stderr, formatReport(error.report));
      return 2;
    }
    if (error instanceof UsageError) {
      writeLine(io.stderr, `probity-ml: ${error.message}\n`);
      io.stderr.write(USAGE);
      return 1;
    }
    writeLine(io.stderr, `probity-ml: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
