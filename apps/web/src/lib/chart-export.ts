// Exports of a chart for a report: its data as CSV (csv-stringify) and its drawing as a PNG (the
// chart's SVG rendered onto a canvas at twice its size, on white). Runs in the browser.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

export function toCsv(headers: string[], rows: CsvCell[][]): string {
  return stringify([headers, ...rows.map((row) => row.map((cell) => (cell === null ? '' : cell)))]);
}

export function download(filename: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadCsv(filename: string, headers: string[], rows: CsvCell[][]): void {
  download(filename, new Blob([toCsv(headers, rows)], { type: 'text/csv;charset=utf-8' }));
}

/** The first SVG under `root` as a PNG blob (scale x its on-screen size). */
export async function svgToPng(root: HTMLElement, scale = 2): Promise<Blob> {
  // The chart's own surface, not a legend icon (those are small svg.recharts-surface too).
  const svg = root.querySelector('.recharts-wrapper > svg.recharts-surface') ?? root.querySelector('svg');
  if (!svg) throw new Error('no chart to export');
  const { width, height } = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(width));
  copy.setAttribute('height', String(height));
  const source = new XMLSerializer().serializeToString(copy);
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(width * scale);
  canvas.height = Math.ceil(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}
