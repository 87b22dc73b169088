// The demo's model lifecycle, on a first start: the Taiwan and Polish files become datasets, the
// analyst asks for a retail model on the first and a corporate model on the second, the first officer
// validates each version, the second officer approves it (four-eyes) and it is promoted to champion,
// so a newcomer sees champions on the Models page minutes after `npm start`. Runs once: an
// organization that has any model already is left alone.
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import {
  beginDatasetUpload,
  createModel,
  DEMO_ACCOUNTS,
  CORPORATE_PORTFOLIO,
  DEMO_ORGANIZATION,
  demoActors,
  getTrainingJob,
  RETAIL_PORTFOLIO,
  requestTraining,
  setTrainingQueueJob,
  transitionModelVersion,
  type Database,
  type JsonValue,
  type Segment,
  type TenantScope,
} from '@probity/db';
import type { JobClient } from '@probity/jobs';
import type { Logger } from '@probity/logging';
import { validateUpload } from '@probity/ml';
import { scoreDemoPortfolio } from './demo-scoring.ts';

interface DemoModel {
  name: string;
  segment: Segment;
  dataset: string;
  /** The demo portfolio the champion scores. */
  portfolio: string;
  file: URL;
  options: JsonValue;
}

const DEMO_MODELS: DemoModel[] = [
  {
    name: 'Retail cards PD',
    segment: 'RETAIL',
    dataset: 'Taiwan credit cards (UCI 350)',
    portfolio: RETAIL_PORTFOLIO.name,
    file: new URL('../../../../data/taiwan-credit-default.csv', import.meta.url),
    options: { idColumn: 'ID', split: 'mod5' },
  },
  {
    name: 'Corporate PD',
    segment: 'CORPORATE',
    dataset: 'Polish companies, year 1 (UCI 365)',
    portfolio: CORPORATE_PORTFOLIO.name,
    file: new URL('../../../../data/polish-bankruptcy-1year.csv', import.meta.url),
    options: { split: 'mod5', classWeight: 'balanced' },
  },
];

const emailOf = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.email;

async function storeFile(db: Database, scope: TenantScope, name: string, file: URL) {
  const upload = await beginDatasetUpload(db, scope, { name, description: 'Shipped with Probity (data/README.md)' });
  const toValidator = new PassThrough();
  const validation = validateUpload(toValidator);
  try {
    for await (const chunk of createReadStream(fileURLToPath(file)) as AsyncIterable<Buffer>) {
      await upload.write(chunk);
      if (!toValidator.write(chunk)) await new Promise((resolve) => toValidator.once('drain', resolve));
    }
    toValidator.end();
    const result = await validation;
    if (!result.report.ok) throw new Error(`${name}: the shipped file failed validation`);
    return (
      await upload.commit({
        sha256: result.sha256,
        rowCount: result.rows,
        columns: result.columns,
        targetColumn: result.target,
        defaultCount: result.defaults,
        defaultRate: result.defaultRate,
        validationReport: {
          ok: result.report.ok,
          issues: result.report.issues,
          columns: result.columns,
          target: result.target,
        } as unknown as JsonValue,
      })
    ).dataset;
  } catch (error) {
    await upload.abort();
    throw error;
  }
}

/** Queues the demo's training and walks each version to champion as it arrives; resolves when done. */
export async function trainDemoModels(db: Database, jobs: JobClient, log: Logger, signal: AbortSignal): Promise<void> {
  const actors = await demoActors(db, DEMO_ORGANIZATION.slug, {
    analyst: emailOf('Ana Analyst'),
    officer: emailOf('Rafael Risk'),
    secondOfficer: emailOf('Sofia Second'),
  });
  if (!actors || actors.hasModels) return;
  const as = (userId: string): TenantScope => ({
    organizationId: actors.organizationId,
    actor: { kind: 'user', userId },
    requestId: 'demo',
  });
  const analyst = as(actors.analystId);
  const pending: { demo: DemoModel; name: string; modelId: string; jobId: string }[] = [];
  for (const demo of DEMO_MODELS) {
    const dataset = await storeFile(db, analyst, demo.dataset, demo.file);
    const model = await createModel(db, analyst, {
      name: demo.name,
      segment: demo.segment,
      description: `Demo model trained on ${demo.dataset}`,
    });
    const job = await requestTraining(db, analyst, {
      modelId: model.id,
      datasetId: dataset.id,
      kind: 'logistic',
      target: dataset.targetColumn!,
      options: demo.options,
    });
    const queueJobId = await jobs.enqueue('train-model', {
      trainingJobId: job.id,
      organizationId: actors.organizationId,
      kind: 'logistic',
    });
    if (queueJobId) await setTrainingQueueJob(db, analyst, job.id, queueJobId);
    pending.push({ demo, name: demo.name, modelId: model.id, jobId: job.id });
    log.info({ model: demo.name, dataset: demo.dataset }, 'demo: training a model on the worker; it becomes champion in a few minutes');
  }
  while (pending.length > 0 && !signal.aborted) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    for (const item of [...pending]) {
      const job = await getTrainingJob(db, analyst, item.jobId);
      if (job.status === 'FAILED' || job.status === 'CANCELLED') {
        log.warn({ model: item.name, error: job.error }, 'demo: training did not finish');
        pending.splice(pending.indexOf(item), 1);
      }
      if (!job.versionId) continue;
      await transitionModelVersion(db, as(actors.officerId), job.versionId, 'validate', 'Demo: validation report reviewed');
      await transitionModelVersion(
        db,
        as(actors.secondOfficerId),
        job.versionId,
        'approve',
        'Demo: discrimination and calibration within appetite (second officer)',
      );
      await transitionModelVersion(db, as(actors.officerId), job.versionId, 'promote');
      log.info({ model: item.name, versionId: job.versionId }, 'demo: model approved by the second officer and promoted to champion');
      pending.splice(pending.indexOf(item), 1);
      const portfolioId = actors.portfolioIds[item.demo.portfolio];
      if (!portfolioId) {
        log.warn({ model: item.name, portfolio: item.demo.portfolio }, 'demo: the portfolio is missing, so it is not scored');
        continue;
      }
      // A refused link (the demo data lacking a column) leaves the champion in place: say why and go on.
      await scoreDemoPortfolio(db, jobs, log, as(actors.officerId), {
        modelId: item.modelId,
        modelName: item.name,
        portfolioId,
        portfolioName: item.demo.portfolio,
      }).catch((error: unknown) => log.error({ err: error, model: item.name }, 'demo: could not link and score the portfolio'));
    }
  }
}
