// Where each level's feature rows live: the subjects' table, the latest row per subject, the days before
// it (see the feature_history migration), and the subject's key column in both.
export const FEATURE_SUBJECTS = {
  OBLIGOR: { entities: 'obligors', table: 'obligor_features', history: 'obligor_feature_history', key: 'obligor_id', noun: 'obligor' },
  EXPOSURE: {
    entities: 'exposures',
    table: 'exposure_features',
    history: 'exposure_feature_history',
    key: 'exposure_id',
    noun: 'exposure',
  },
} as const;
