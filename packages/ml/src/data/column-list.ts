// Column names for a one-line message: a file with thousands of columns must not print them all.
const SHOWN = 20;

export function columnList(names: readonly string[], shown = SHOWN): string {
  if (names.length <= shown) return names.join(', ');
  return `${names.slice(0, shown).join(', ')} … and ${names.length - shown} more`;
}
