/**
 * Training progress for the terminal: a cli-progress bar per deep run (epoch, loss, validation AUC,
 * ETA) when stderr is a TTY, plain log lines otherwise (CI logs, pipes).
 */
import cliProgress from 'cli-progress';
import type { TrainHooks } from '../train/options.ts';

function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  if (seconds < 90) return `${Math.round(seconds)}s`;
  return `${Math.floor(seconds / 60)}m${String(Math.round(seconds % 60)).padStart(2, '0')}s`;
}

export interface ProgressDisplay extends TrainHooks {
  finish(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): ProgressDisplay {
  const write = (line: string) => {
    if (!quiet) stream.write(`${line}\n`);
  };
  if (!stream.isTTY || quiet) {
    return {
      onStage: (stage) => write(`[probity-ml] ${stage}`),
      onLog: (message) => write(`[probity-ml]   ${message}`),
      onEpoch: (e) =>
        write(
          `[probity-ml]   ${e.run}: epoch ${e.epoch}/${e.epochs} loss ${e.loss.toFixed(4)} val loss ${e.valLoss.toFixed(4)} val AUC ${e.valAuc.toFixed(4)} (${e.seconds.toFixed(1)}s, ETA ${formatEta(e.etaSeconds)})`,
        ),
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
    onEpoch: (e) => {
      if (!bar || barRun !== e.run) {
        stopBar();
        barRun = e.run;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `  ${e.run} |{bar}| epoch {value}/{total} | loss {loss} | val AUC {auc} | ETA {eta_text}`,
            hideCursor: true,
            clearOnComplete: false,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(e.epochs, 0, { loss: '-', auc: '-', eta_text: '?' });
      }
      bar.setTotal(e.epochs);
      bar.update(e.epoch, { loss: e.loss.toFixed(4), auc: e.valAuc.toFixed(4), eta_text: formatEta(e.etaSeconds) });
    },
    finish: stopBar,
  };
}
