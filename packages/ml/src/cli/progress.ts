/**
 * Training progress for the terminal: a cli-progress bar per iterative fit (deep epochs, trees) with
 * loss, validation AUC and ETA when stderr is a TTY, plain log lines otherwise (CI logs, pipes).
 */
import cliProgress from 'cli-progress';
import type { TrainHooks, TrainProgress } from '../train/options.ts';

function formatEta(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '?';
  if (seconds < 90) return `${Math.round(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

const f4 = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(4));

export interface ProgressDisplay extends TrainHooks {
  finish(): void;
}

/** Epochs and trees get a line (or a bar); penalties are logged as lines by the logistic family. */
function isBarStep(event: TrainProgress): event is TrainProgress & { step: NonNullable<TrainProgress['step']> } {
  return event.step !== undefined && event.step.unit !== 'penalty';
}

function runName(event: TrainProgress): string {
  return event.run ?? event.family ?? event.stage;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressDisplay {
  const write = (line: string) => {
    if (!quiet) stream.write(`${line}\n`);
  };
  if (!stream.isTTY || quiet) {
    return {
      onStage: (stage) => write(`[probity-ml] ${stage}`),
      onLog: (message) => write(`[probity-ml]   ${message}`),
      onProgress: (e) => {
        if (!isBarStep(e)) return;
        const loss = e.loss !== undefined ? ` loss ${f4(e.loss)}` : '';
        write(
          `[probity-ml]   ${runName(e)}: ${e.step.unit} ${e.step.index}/${e.step.total}${loss} val loss ${f4(e.validationLoss)} val AUC ${f4(e.validationAuc)} (${e.elapsedSeconds.toFixed(1)}s, ETA ${formatEta(e.etaSeconds)})`,
        );
      },
      finish: () => {},
    };
  }
  let bar: cliProgress.SingleBar | null = null;
  let barRun = '';
  const stopBar = () => {
    bar?.stop();
    bar = null;
  };
  return {
    onStage: (stage) => {
      stopBar();
      write(`» ${stage}`);
    },
    onLog: (message) => {
      if (bar) return; // keep the bar intact; the lines reach the report
      write(`  ${message}`);
    },
    onProgress: (e) => {
      if (!isBarStep(e)) return;
      const run = runName(e);
      if (!bar || barRun !== run) {
        stopBar();
        barRun = run;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `  ${run} |{bar}| ${e.step.unit} {value}/{total} | loss {loss} | val AUC {auc} | ETA {eta_text}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(e.step.total, 0, { loss: '-', auc: '-', eta_text: '?' });
      }
      bar.setTotal(e.step.total);
      bar.update(e.step.index, { loss: f4(e.loss ?? e.validationLoss), auc: f4(e.validationAuc), eta_text: formatEta(e.etaSeconds) });
    },
    finish: stopBar,
  };
}
