// Every operation the dashboard sends, exactly as it goes over the wire (the generated documents with
// their fragments appended), must be valid against the API's schema. graphql-codegen already refuses
// documents that do not match the SDL; this checks the committed output, so a stale src/api/generated
// fails here as well as in `npm run lint`.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as generated from './generated/graphql.ts';
import { ME } from './documents/identity.ts';
import { EXPOSURE } from './documents/exposures.ts';

const modulesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../api/src/modules');

function loadSchema() {
  const sdl = readdirSync(modulesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) =>
      readdirSync(path.join(modulesDir, entry.name))
        .filter((file) => file.endsWith('.graphql'))
        .map((file) => path.join(modulesDir, entry.name, file)),
    )
    .sort((a, b) => Number(!a.includes(`${path.sep}common${path.sep}`)) - Number(!b.includes(`${path.sep}common${path.sep}`)))
    .map((file) => readFileSync(file, 'utf8'))
    .join('\n');
  return buildSchema(sdl);
}

const operations = Object.entries(generated)
  .filter(([name, value]) => name.endsWith('Document') && value instanceof generated.TypedDocumentString)
  .map(([name, value]) => [name, String(value)] as const);

describe('GraphQL operations', () => {
  const schema = loadSchema();

  it('covers every operation the dashboard uses', () => {
    expect(operations.map(([name]) => name).sort()).toEqual(
      [
        'ApiKeysDocument',
        'AuditLogDocument',
        'CancelTrainingDocument',
        'ChangeMemberRoleDocument',
        'ChangeMyPasswordDocument',
        'CreateApiKeyDocument',
        'CreatePortfolioDocument',
        'CreateStressScenarioDocument',
        'DeleteRiskLimitDocument',
        'DeleteStressScenarioDocument',
        'DatasetDetailDocument',
        'DatasetsDocument',
        'ExposureDocument',
        'InviteMemberDocument',
        'MasterScaleDocument',
        'MeDocument',
        'MembersDocument',
        'ModelDetailDocument',
        'ModelVersionBacktestsDocument',
        'ModelVersionDetailDocument',
        'ModelsDocument',
        'ObligorDocument',
        'ObligorScoringDocument',
        'PortfolioExposuresDocument',
        'PortfolioHeaderDocument',
        'PortfolioListDocument',
        'PortfolioOverviewDocument',
        'RemoveMemberDocument',
        'RescorePortfolioDocument',
        'RevokeApiKeyDocument',
        'RiskModelDocument',
        'RiskPageDocument',
        'RiskSimulationDocument',
        'RunPortfolioSimulationDocument',
        'ScoringRunDetailDocument',
        'ScoringRunsDocument',
        'SetMonitoringSettingsDocument',
        'WatchlistDocument',
        'SaveRiskFactorModelDocument',
        'SaveWhatIfScenarioDocument',
        'ScoreObligorDocument',
        'SetMemberDisabledDocument',
        'SetModelChallengerDocument',
        'SetRiskLimitDocument',
        'TrainModelDocument',
        'TransitionVersionDocument',
        'UpdateExposureDocument',
        'UpdateMasterScaleDocument',
        'UpdateStressScenarioDocument',
        'WhatIfDocument',
      ].sort(),
    );
  });

  it.each(operations)('%s is valid against the API schema', (_name, text) => {
    const errors = validate(schema, parse(text));
    expect(errors.map((error) => error.message)).toEqual([]);
  });

  it('graphql() hands back the generated document, fragments included', () => {
    expect(ME.toString()).toBe(generated.MeDocument.toString());
    expect(EXPOSURE.toString()).toContain('fragment ExposureDetailFields on Exposure');
    expect(EXPOSURE.toString()).toContain('fragment ExposureRowFields on Exposure');
  });

  it('rejects a document with an unknown field (the check can fail)', () => {
    const errors = validate(schema, parse('query { me { id shoeSize } }'));
    expect(errors.map((error) => error.message).join()).toContain('shoeSize');
  });
});
