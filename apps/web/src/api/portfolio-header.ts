// A portfolio's header (name, description, currency), asked of the API once per request: the portfolio
// layout and the overview's page title both need it, and React's cache lets them share one call.
import 'server-only';
import { cache } from 'react';
import { query } from './load.ts';
import { PORTFOLIO_HEADER } from './documents/portfolios.ts';

export const portfolioHeader = cache(async (id: string) => (await query(PORTFOLIO_HEADER, { id })).portfolio);
