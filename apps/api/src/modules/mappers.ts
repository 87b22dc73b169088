// GraphQL types whose parent value is not a domain type of @probity/db: the caller, connections,
// a created key with its one-time secret, an audit entry's actor. (Domain types are mapped directly
// in codegen.ts.)
import type {
  ApiKey,
  AuditEntry,
  Connection,
  Dataset,
  Exposure,
  FeatureLoad,
  Membership,
  Model,
  Portfolio,
  PortfolioSnapshot,
  Role,
} from '@probity/db';

export interface ViewerModel {
  id: string;
  kind: 'USER' | 'API_KEY' | 'SYSTEM';
  name: string;
  email: string | null;
  role: Role;
  permissions: string[];
}

export type PortfolioConnectionModel = Connection<Portfolio>;
export type ExposureConnectionModel = Connection<Exposure>;
export type AuditLogConnectionModel = Connection<AuditEntry>;
export type MemberConnectionModel = Connection<Membership>;
export type ApiKeyConnectionModel = Connection<ApiKey>;
export type PortfolioSnapshotConnectionModel = Connection<PortfolioSnapshot>;
export type FeatureLoadConnectionModel = Connection<FeatureLoad>;

export interface CreatedApiKeyModel {
  apiKey: ApiKey;
  secret: string;
}

export interface ActorModel {
  kind: 'USER' | 'API_KEY' | 'SYSTEM';
  id: string | null;
  name: string;
}

export type DatasetConnectionModel = Connection<Dataset>;
export type ModelConnectionModel = Connection<Model>;

/** A version's headline metrics as stored (JSON written by the worker). */
export type ModelMetricsModel = Record<string, number | null | undefined>;
