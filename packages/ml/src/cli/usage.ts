export const USAGE = `probity-ml: probability-of-default models from a loan CSV

Commands
  train   --data FILE --target COL --model logistic|deep|gbdt|fusion|auto --out MODEL.json
          [--default-value V] [--id COL] [--categorical A,B] [--ignore C,D]
          [--split mod5|random:SEED:FRACTION] [--report REPORT.json]
          [--encoding hybrid|bins|woe|linear] [--limit-column COL] [--group NAME=A,B,C ...]
          [--calibration platt|isotonic] [--anchor RATE] [--class-weight balanced|W]
          [--penalty l2|l1|elasticnet] [--l1-ratio R] [--lambda L1,L2,...]
          [--augment smote|noise] [--augment-ratio R]
          [--monotone COL=+1,COL=-1] [--trees N] [--learning-rate R] [--leaves N]
          [--refit scaled|same|off]
          [--labels LABELS.json] [--warm-start MODEL.json] [--epochs N] [--seed N]
          [--backend tensorflow|webgpu|wasm|cpu] [--delimiter D] [--header auto|yes|no]
          [--max-memory SIZE] [--quiet]
  score   --model MODEL.json --data FILE --out SCORES.csv [--explain K]
          [--batch-size ROWS (default 4096)] [--threads N (default: every CPU)]
  explain --model MODEL.json --data FILE --row N [--threshold PD] [--top K]
  validate --data FILE --target COL [--default-value V] [--id COL] [--delimiter D] [--header auto|yes|no]
          (read and check the file as train does; print the report; no model)

Files are comma-, semicolon-, tab- or whitespace-delimited (sniffed, or --delimiter). --header auto
(default) reads a file whose first row holds data, not names (the UCI Statlog files), with its columns
named 1 to N: german.data trains with --target 21 --default-value 2.
Rows are numbered from 1 (the first data row, line 2 of the file), as in the validation report.
--split mod5 puts rows whose id (or 0-based row number without an id) is divisible by 5 in the test set.
--penalty l1 (or elasticnet) selects features; its strength is chosen on the validation rows along a
path from the strength that keeps none, unless --lambda names strengths (1/C in scikit-learn's terms).
--augment adds synthetic defaults to the training rows only (smote: between neighbouring defaults;
noise: jittered copies) until defaults are R x the non-defaults (default 1); the calibration on the
real validation rows corrects the shifted rate, and the report compares it with --class-weight and nothing.
--max-memory (8G, 512M, ...; default half the machine's memory, or what is free if less): a run that
would need more is refused before it starts, with the figure it would need.
--model gbdt trains gradient-boosted trees (the number of trees by 5-fold cross-validation over
training and validation rows, or early stopping on the validation rows above 100,000 of them; missing
values learned per split); --monotone names raw columns the PD may only rise (+1) or fall (-1) with.
--refit: once held-out rows have chosen the number of trees, train again on training and validation
rows with that number scaled by the row ratio (scaled, default), the same number (same), or not (off:
early stopping on the validation rows, no cross-validation).
The deep backend can also be chosen with PROBITY_ML_BACKEND.
Exit codes: 0 ok, 1 error, 2 the data failed validation (the report is printed).
`;
