import { graphql } from '../generated/gql.ts';

export type { ModelVersionAction, ModelVersionStatus, ModelVersionDetailQuery } from '../generated/graphql.ts';

export const DATASETS = graphql(`
  query Datasets($first: Int, $after: String) {
    datasets(first: $first, after: $after) {
      totalCount
      nodes {
        id
        name
        sha256
        byteSize
        rowCount
        columnCount
        targetColumn
        defaultRate
        uploadedBy {
          name
        }
        createdAt
      }
    }
  }
`);

export const DATASET = graphql(`
  query DatasetDetail($id: ID!) {
    dataset(id: $id) {
      id
      name
      description
      sha256
      byteSize
      storedSize
      rowCount
      columnCount
      targetColumn
      defaultCount
      defaultRate
      columns {
        name
        type
        missing
      }
      validationReport
      uploadedBy {
        name
      }
      createdAt
    }
  }
`);

// Pages of 50: graphql-armor multiplies a list's cost by its `first`, and 200 models with their
// versions plus 200 datasets passed the API's cost limit (the page failed to load).
export const MODELS = graphql(`
  query Models {
    models(first: 50) {
      nodes {
        id
        name
        segment
        description
        champion {
          id
          version
          kind
          metrics {
            testAuc
            gini
          }
        }
        versions {
          id
          status
        }
      }
    }
    datasets(first: 50) {
      nodes {
        id
        name
        targetColumn
        rowCount
      }
    }
    modelKinds
  }
`);

export const MODEL = graphql(`
  query ModelDetail($id: ID!) {
    model(id: $id) {
      id
      name
      segment
      description
      challenger {
        id
      }
      versions {
        id
        version
        status
        kind
        backend
        machine
        trainingMs
        createdAt
        metrics {
          testAuc
          testAucLower
          testAucUpper
          gini
          ks
          brier
        }
        dataset {
          id
          name
        }
        trainedBy {
          name
        }
        approvedBy {
          name
        }
      }
      trainingJobs {
        id
        kind
        status
        error
        attempts
        createdAt
        progress {
          stage
          unit
          step
          steps
          loss
          validationAuc
          elapsedSeconds
          etaSeconds
        }
        version {
          id
          version
        }
      }
    }
    datasets(first: 200) {
      nodes {
        id
        name
        targetColumn
      }
    }
    modelKinds
  }
`);

export const MODEL_VERSION = graphql(`
  query ModelVersionDetail($id: ID!) {
    modelVersion(id: $id) {
      id
      version
      status
      kind
      target
      options
      backend
      machine
      trainingMs
      modelFileSha256
      createdAt
      model {
        id
        name
      }
      dataset {
        id
        name
        sha256
      }
      metrics {
        testAuc
        testAucLower
        testAucUpper
        gini
        ks
        brier
        logLoss
        validationAuc
        psi
        hosmerLemeshowPValue
      }
      validationReport
      trainedBy {
        name
      }
      submittedBy {
        name
      }
      submittedAt
      approvedBy {
        name
      }
      approvedAt
      approvalComment
      rejectedBy {
        name
      }
      rejectedAt
      rejectionComment
      promotedBy {
        name
      }
      promotedAt
      retiredAt
    }
  }
`);

export const TRAIN_MODEL = graphql(`
  mutation TrainModel($input: TrainModelInput!) {
    trainModel(input: $input) {
      id
      model {
        id
      }
    }
  }
`);

export const SET_MODEL_CHALLENGER = graphql(`
  mutation SetModelChallenger($modelId: ID!, $versionId: ID) {
    setModelChallenger(modelId: $modelId, versionId: $versionId)
  }
`);

export const CANCEL_TRAINING = graphql(`
  mutation CancelTraining($id: ID!) {
    cancelTrainingJob(id: $id) {
      id
      status
    }
  }
`);

export const TRANSITION_VERSION = graphql(`
  mutation TransitionVersion($id: ID!, $action: ModelVersionAction!, $comment: String) {
    transitionModelVersion(id: $id, action: $action, comment: $comment) {
      id
      status
    }
  }
`);

export const MASTER_SCALE = graphql(`
  query MasterScale {
    masterScales {
      id
      version
      comment
      createdAt
      createdBy {
        name
      }
      grades {
        grade
        maxPd
      }
    }
  }
`);

export const UPDATE_MASTER_SCALE = graphql(`
  mutation UpdateMasterScale($grades: [MasterScaleGradeInput!]!, $comment: String, $expectedVersion: Int) {
    updateMasterScale(grades: $grades, comment: $comment, expectedVersion: $expectedVersion) {
      id
      version
    }
  }
`);
