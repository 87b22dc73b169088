// Portfolio-level figures: the totals (one definition, shared by the live summary and the daily
// snapshot), the summary's breakdowns and the snapshot row.
import type { DecimalString, LocalDate } from './values.ts';

export interface PortfolioTotals {
  exposureCount: number;
  obligorCount: number;
  totalEad: DecimalString;
  totalLimit: DecimalString;
  /** Sum of EAD x LGD. */
  totalLossGivenDefault: DecimalString;
  defaultedCount: number;
  defaultedEad: DecimalString;
}

export interface Breakdown {
  /** Segment, sector or status; "Unspecified" where missing. */
  key: string;
  exposureCount: number;
  ead: DecimalString;
  limit: DecimalString;
  /** Share of the portfolio's total EAD (6 places); 0 for an empty portfolio. */
  share: DecimalString;
}

export interface TopObligor {
  obligorId: string;
  name: string;
  exposureCount: number;
  ead: DecimalString;
  share: DecimalString;
}

export interface PortfolioSummary extends PortfolioTotals {
  /** Total EAD / total limit (6 places); null when the total limit is 0. */
  utilisation: DecimalString | null;
  eadBySegment: Breakdown[];
  eadBySector: Breakdown[];
  eadByStatus: Breakdown[];
  /** Largest obligors by EAD, largest first. */
  topObligors: TopObligor[];
}

export interface PortfolioSnapshot extends PortfolioTotals {
  id: string;
  portfolioId: string;
  /** The UTC calendar day the snapshot describes. */
  asOf: LocalDate;
  createdAt: Date;
}
