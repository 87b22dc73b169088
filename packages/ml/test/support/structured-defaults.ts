/**
 * Synthetic loans with known structure, for choosing defaults that generalise: informative
 * missingness (a missing income is a risk sign), thresholds (arrears from 2 months), an interaction
 * (high utilisation hurts only with short tenure), a monotone effect and a rare default rate (~2%).
 */
import { seededRandom } from '../../src/util/random.ts';

export function structuredLoansCsv(rows: number, seed = 17): string {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const lines = ['id,income,arrears,utilisation,tenure,age,noise1,noise2,target'];
  for (let i = 0; i < rows; i++) {
    const incomeMissing = random() < 0.15;
    const income = Math.exp(10 + gauss() * 0.5);
    const arrears = Math.min(8, Math.floor(-Math.log(random() || 1e-12) * 0.7));
    const utilisation = Math.min(1.5, Math.max(0, 0.4 + gauss() * 0.3));
    const tenure = Math.floor(random() * 120);
    const age = 20 + Math.floor(random() * 50);
    const z =
      -5.2 +
      (incomeMissing ? 1.2 : -0.6 * (Math.log(income) - 10)) +
      (arrears >= 2 ? 1.8 : 0) +
      (utilisation > 0.9 && tenure < 24 ? 1.5 : 0) +
      0.02 * (50 - age);
    const y = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    lines.push(
      [
        i + 1,
        incomeMissing ? '' : income.toFixed(0),
        arrears,
        utilisation.toFixed(3),
        tenure,
        age,
        gauss().toFixed(3),
        random().toFixed(3),
        y,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
