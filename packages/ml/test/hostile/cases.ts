/**
 * What each file of the hostile set must do (files/ is written by make-files.ts): train, or stop with
 * exit code 2 and one error line whose code and text name the problem.
 */
export interface HostileCase {
  file: string;
  /** Extra flags beyond --data FILE --target default (and --model logistic unless given). */
  flags?: string[];
  expect: { trains: true } | { trains: false; code: string; message: RegExp };
}

export const HOSTILE_CASES: HostileCase[] = [
  { file: 'empty.csv', expect: { trains: false, code: 'empty-file', message: /the file is empty \(0 bytes\)/ } },
  { file: 'header-only.csv', expect: { trains: false, code: 'no-data-rows', message: /header \(6 columns\) but no data rows/ } },
  { file: 'binary.csv', expect: { trains: false, code: 'binary-file', message: /not CSV text: it looks like gzip-compressed data/ } },
  { file: 'one-column.csv', expect: { trains: false, code: 'no-usable-feature', message: /only the target column/ } },
  { file: 'constant-target.csv', expect: { trains: false, code: 'no-defaults', message: /no row has the default value "1" in "default"/ } },
  {
    file: 'three-valued-target.csv',
    expect: { trains: false, code: 'non-binary-target', message: /"0" \(289 rows\), "2" \(11 rows\); unexpected values in rows 6, 43, 80/ },
  },
  {
    file: 'partly-missing-target.csv',
    expect: { trains: false, code: 'missing-target', message: /the target "default" is missing in rows 4, 45, 86/ },
  },
  {
    file: 'unbalanced-quotes.csv',
    expect: { trains: false, code: 'csv-syntax', message: /unbalanced quotes: .* on line 59 is never closed/ },
  },
  { file: 'quoted-newlines.csv', expect: { trains: true } },
  { file: 'bom-crlf.csv', expect: { trains: true } },
  { file: 'nan-infinity.csv', expect: { trains: true } },
  { file: 'ragged-rows.csv', expect: { trains: false, code: 'ragged-row', message: /rows 11, 201 do not have the header's 6 fields/ } },
  {
    file: 'duplicate-headers.csv',
    expect: { trains: false, code: 'duplicate-column', message: /repeats column name "income" at fields 2, 4/ },
  },
  { file: 'wide-3000-columns.csv', expect: { trains: true } },
  { file: 'wide-3000-columns.csv', flags: ['--penalty', 'l1', '--encoding', 'linear'], expect: { trains: true } },
  { file: 'wide-3000-columns.csv', flags: ['--model', 'deep', '--epochs', '2'], expect: { trains: true } },
  { file: 'wide-3000-columns.csv', flags: ['--model', 'gbdt'], expect: { trains: true } },
  { file: 'field-200kb.csv', expect: { trains: true } },
  { file: 'latin1.csv', expect: { trains: true } },
  { file: 'tabs.tsv', expect: { trains: true } },
  { file: 'semicolons-decimal-commas.csv', expect: { trains: true } },
  {
    file: 'no-usable-feature.csv',
    expect: {
      trains: false,
      code: 'no-usable-feature',
      message: /"customer_name" \(a different text in every row, like an identifier\); nothing is left/,
    },
  },
  {
    file: 'constant-features.csv',
    expect: {
      trains: false,
      code: 'no-usable-feature',
      message: /"country" \(the same value in every row\), "product" \(empty in every row\); nothing is left to learn from/,
    },
  },
  { file: 'text-target.csv', flags: ['--target', 'status', '--default-value', 'default'], expect: { trains: true } },
];
