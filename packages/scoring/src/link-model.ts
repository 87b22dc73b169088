// Linking a model to a portfolio it will score: refused, naming the columns, when the portfolio's data
// lacks any column of the model's champion; the schedule is checked to be a valid cron expression.
import { getChampionModelFile, InputError, setPortfolioModel, type Database, type PortfolioModelLink, type TenantScope } from '@probity/db';
import { checkCron } from './schedule.ts';
import { missingColumns, missingColumnsMessage } from './request-run.ts';

export const DEFAULT_SCORING_CRON = '0 3 * * *';

export interface LinkRequest {
  portfolioId: string;
  modelId: string;
  cron?: string | null;
  timeZone?: string | null;
}

export async function linkModel(db: Database, scope: TenantScope, request: LinkRequest): Promise<PortfolioModelLink> {
  const cron = request.cron ?? DEFAULT_SCORING_CRON;
  const timeZone = request.timeZone ?? 'UTC';
  checkCron(cron, timeZone);
  const champion = await getChampionModelFile(db, scope, request.modelId);
  if (!champion) throw new InputError('modelId', 'the model has no champion version to check the portfolio against: promote one first');
  const missing = await missingColumns(db, scope, request.portfolioId, champion.modelFileJson);
  if (missing.length > 0) throw new InputError('modelId', missingColumnsMessage(missing));
  return setPortfolioModel(db, scope, { portfolioId: request.portfolioId, modelId: request.modelId, cron, timeZone });
}
