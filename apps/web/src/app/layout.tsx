import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { connection } from 'next/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Probity', template: '%s · Probity' },
  description: 'Credit risk dashboard: portfolios, exposures, obligors and audit trail.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { themeColor: '#0d1b2f' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render every page per request: the CSP nonce is new each time, and a prerendered page cannot carry it.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
