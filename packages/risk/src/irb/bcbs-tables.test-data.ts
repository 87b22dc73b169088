/**
 * Published risk weights (%), M = 2.5 years where it applies, rounded to two decimals.
 *
 * BASEL_II_ANNEX_5: "Illustrative IRB risk weights for UL", Annex 5 of Basel II (BCBS, June 2006
 * comprehensive version). Columns: corporate (LGD 45%, turnover EUR 50m), SME (LGD 45%, EUR 5m),
 * residential mortgage (45%, 25%), other retail (45%, 85%), QRRE (45%, 85%).
 *
 * BASEL_III_CRE99: the same table in the Basel Framework (CRE99, December 2017 revisions), which starts
 * at the 0.05% PD floor and uses LGD 40% for corporates and 50% for QRRE. Columns: corporate (40%,
 * EUR 50m), SME (40%, EUR 5m), residential mortgage (45%, 25%), other retail (45%, 85%), QRRE (50%, 85%).
 */
export interface TableColumn {
  assetClass: 'corporate' | 'sme' | 'residential-mortgage' | 'other-retail' | 'qrre';
  lgd: number;
  annualSales?: number;
}

export const BASEL_II_COLUMNS: TableColumn[] = [
  { assetClass: 'corporate', lgd: 0.45, annualSales: 50 },
  { assetClass: 'sme', lgd: 0.45, annualSales: 5 },
  { assetClass: 'residential-mortgage', lgd: 0.45 },
  { assetClass: 'residential-mortgage', lgd: 0.25 },
  { assetClass: 'other-retail', lgd: 0.45 },
  { assetClass: 'other-retail', lgd: 0.85 },
  { assetClass: 'qrre', lgd: 0.45 },
  { assetClass: 'qrre', lgd: 0.85 },
];

export const BASEL_II_ANNEX_5: [number, number[]][] = [
  [0.0003, [14.44, 11.3, 4.15, 2.3, 4.45, 8.41, 0.98, 1.85]],
  [0.0005, [19.65, 15.39, 6.23, 3.46, 6.63, 12.52, 1.51, 2.86]],
  [0.001, [29.65, 23.3, 10.69, 5.94, 11.16, 21.08, 2.71, 5.12]],
  [0.0025, [49.47, 39.01, 21.3, 11.83, 21.15, 39.96, 5.76, 10.88]],
  [0.004, [62.72, 49.49, 29.94, 16.64, 28.42, 53.69, 8.41, 15.88]],
  [0.005, [69.61, 54.91, 35.08, 19.49, 32.36, 61.13, 10.04, 18.97]],
  [0.0075, [82.78, 65.14, 46.46, 25.81, 40.1, 75.74, 13.8, 26.06]],
  [0.01, [92.32, 72.4, 56.4, 31.33, 45.77, 86.46, 17.22, 32.53]],
  [0.013, [100.95, 78.77, 67.0, 37.22, 50.8, 95.95, 21.02, 39.7]],
  [0.015, [105.59, 82.11, 73.45, 40.8, 53.37, 100.81, 23.4, 44.19]],
  [0.02, [114.86, 88.55, 87.94, 48.85, 57.99, 109.53, 28.92, 54.63]],
  [0.025, [122.16, 93.43, 100.64, 55.91, 60.9, 115.03, 33.98, 64.18]],
  [0.03, [128.44, 97.58, 111.99, 62.22]],
];

export const BASEL_III_COLUMNS: TableColumn[] = [
  { assetClass: 'corporate', lgd: 0.4, annualSales: 50 },
  { assetClass: 'sme', lgd: 0.4, annualSales: 5 },
  { assetClass: 'residential-mortgage', lgd: 0.45 },
  { assetClass: 'residential-mortgage', lgd: 0.25 },
  { assetClass: 'other-retail', lgd: 0.45 },
  { assetClass: 'other-retail', lgd: 0.85 },
  { assetClass: 'qrre', lgd: 0.5 },
  { assetClass: 'qrre', lgd: 0.85 },
];

export const BASEL_III_CRE99: [number, number[]][] = [
  [0.0005, [17.47, 13.69, 6.23, 3.46, 6.63, 12.52, 1.68, 2.86]],
  [0.001, [26.36, 20.71, 10.69, 5.94, 11.16, 21.08, 3.01, 5.12]],
  [0.0025, [43.97, 34.68, 21.3, 11.83, 21.15, 39.96, 6.4, 10.88]],
  [0.004, [55.75, 43.99, 29.94, 16.64, 28.42, 53.69, 9.34, 15.88]],
  [0.005, [61.88, 48.81, 35.08, 19.49, 32.36, 61.13, 11.16, 18.97]],
  [0.0075, [73.58, 57.91, 46.46, 25.81, 40.1, 75.74, 15.33, 26.06]],
  [0.01, [82.06, 64.35, 56.4, 31.33, 45.77, 86.46, 19.14, 32.53]],
  [0.013, [89.73, 70.02, 67.0, 37.22, 50.8, 95.95, 23.35, 39.7]],
];
