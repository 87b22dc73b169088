// The shapes resolvers pass around for GraphQL types that are not plain database rows.
import type { ApiKey, AuditLog, BreakdownRow, Connection, Exposure, Portfolio, PortfolioSummary, Role, TopObligorRow } from '@probity/db';

export interface ViewerModel {
  id: string;
  kind: 'USER' | 'API_KEY' | 'SYSTEM';
  name: string;
  email: string | null;
  role: Role;
  permissions: string[];
}

export interface UserSummaryModel {
  id: string;
  email: string;
  name: string;
  disabled: boolean;
  lastLoginAt?: Date | null;
}

export interface MemberModel {
  user: UserSummaryModel;
  role: Role;
  joinedAt: Date;
}

export type PortfolioConnectionModel = Connection<Portfolio>;
export type ExposureConnectionModel = Connection<Exposure>;
export type AuditLogConnectionModel = Connection<AuditLog>;

export type PortfolioSummaryModel = PortfolioSummary;
export type BreakdownModel = BreakdownRow & { share: number };
export type TopObligorModel = TopObligorRow & { share: number };

export interface CreatedApiKeyModel {
  apiKey: ApiKey;
  secret: string;
}

export interface ActorModel {
  kind: 'USER' | 'API_KEY' | 'SYSTEM';
  id: string | null;
  name: string;
}
