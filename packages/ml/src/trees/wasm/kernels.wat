;; Histogram kernels of the gradient-boosted trees over training data held in this module's memory.
;; Bins are uint8, row-major (rows x F); each row's gradient and hessian sit side by side as two
;; float64 (one f64x2 load); a histogram is F x 256 (gradient, hessian) f64 pairs plus F x 256 int32
;; row counts. Rows are added in the order given, one f64x2 add per (row, feature): the sums are the
;; same bits as the JavaScript kernel's (src/trees/histogram.ts), which the tests check.
;; Build: npx tsx scripts/build-wasm.ts (writes kernels-binary.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; For i in [begin, end): r = rows[i]; for each active feature f (active[0..A), int32):
  ;; sums[f * 256 + bin(r, f)] += gh[r], counts[f * 256 + bin(r, f)] += 1.
  (func (export "histogram")
    (param $bins i32) (param $F i32) (param $rows i32) (param $begin i32) (param $end i32)
    (param $gh i32) (param $active i32) (param $A i32) (param $sums i32) (param $counts i32)
    (local $ip i32) (local $iend i32) (local $r i32) (local $g v128) (local $p i32)
    (local $ap i32) (local $a4 i32) (local $aend i32) (local $k i32) (local $s i32) (local $c i32)
    (local.set $ip (i32.add (local.get $rows) (i32.shl (local.get $begin) (i32.const 2))))
    (local.set $iend (i32.add (local.get $rows) (i32.shl (local.get $end) (i32.const 2))))
    (local.set $aend (i32.add (local.get $active) (i32.shl (local.get $A) (i32.const 2))))
    (local.set $a4 (i32.add (local.get $active) (i32.shl (i32.and (local.get $A) (i32.const -4)) (i32.const 2))))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $ip) (local.get $iend)))
        (local.set $r (i32.load (local.get $ip)))
        (local.set $g (v128.load align=8 (i32.add (local.get $gh) (i32.shl (local.get $r) (i32.const 4)))))
        (local.set $p (i32.add (local.get $bins) (i32.mul (local.get $r) (local.get $F))))
        (local.set $ap (local.get $active))
        (block $quadsDone
          (loop $quad
            (br_if $quadsDone (i32.ge_u (local.get $ap) (local.get $a4)))
            ;; feature active[ap + 0]
            (local.set $k (i32.load offset=0 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $c (i32.add (local.get $counts) (i32.shl (local.get $k) (i32.const 2))))
            (i32.store (local.get $c) (i32.add (i32.load (local.get $c)) (i32.const 1)))
            ;; feature active[ap + 1]
            (local.set $k (i32.load offset=4 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $c (i32.add (local.get $counts) (i32.shl (local.get $k) (i32.const 2))))
            (i32.store (local.get $c) (i32.add (i32.load (local.get $c)) (i32.const 1)))
            ;; feature active[ap + 2]
            (local.set $k (i32.load offset=8 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $c (i32.add (local.get $counts) (i32.shl (local.get $k) (i32.const 2))))
            (i32.store (local.get $c) (i32.add (i32.load (local.get $c)) (i32.const 1)))
            ;; feature active[ap + 3]
            (local.set $k (i32.load offset=12 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $c (i32.add (local.get $counts) (i32.shl (local.get $k) (i32.const 2))))
            (i32.store (local.get $c) (i32.add (i32.load (local.get $c)) (i32.const 1)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
            (br $quad)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $ap) (local.get $aend)))
            (local.set $k (i32.load (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $c (i32.add (local.get $counts) (i32.shl (local.get $k) (i32.const 2))))
            (i32.store (local.get $c) (i32.add (i32.load (local.get $c)) (i32.const 1)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (br $tail)))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $row))))

  ;; As "histogram" without per-bin row counts (nothing reads them when leaves have no row minimum):
  ;; sums only, and each feature's count of missing values (bin 255, which decides whether a split
  ;; may send missing values either way) into counts[f * 256 + 255]. Those are counted 16 features
  ;; at a time: a byte compare per row into the uint8 lanes at $acc (16 x ceil(F / 16) bytes),
  ;; flushed into the int32 counts every 255 rows and at the end. A row's last lanes read the next
  ;; row's bytes (never beyond memory: the bins are followed by other arrays); they are not flushed.
  (func (export "histogramMissing")
    (param $bins i32) (param $F i32) (param $rows i32) (param $begin i32) (param $end i32)
    (param $gh i32) (param $active i32) (param $A i32) (param $sums i32) (param $counts i32) (param $acc i32)
    (local $ip i32) (local $iend i32) (local $r i32) (local $g v128) (local $p i32)
    (local $ap i32) (local $a4 i32) (local $aend i32) (local $k i32) (local $s i32)
    (local $q i32) (local $qend i32) (local $pending i32) (local $f i32) (local $c i32)
    (local.set $ip (i32.add (local.get $rows) (i32.shl (local.get $begin) (i32.const 2))))
    (local.set $iend (i32.add (local.get $rows) (i32.shl (local.get $end) (i32.const 2))))
    (local.set $aend (i32.add (local.get $active) (i32.shl (local.get $A) (i32.const 2))))
    (local.set $a4 (i32.add (local.get $active) (i32.shl (i32.and (local.get $A) (i32.const -4)) (i32.const 2))))
    (local.set $qend (i32.and (i32.add (local.get $F) (i32.const 15)) (i32.const -16)))
    (memory.fill (local.get $acc) (i32.const 0) (local.get $qend))
    (block $rowsDone
      (loop $row
        (br_if $rowsDone (i32.ge_u (local.get $ip) (local.get $iend)))
        (local.set $r (i32.load (local.get $ip)))
        (local.set $g (v128.load align=8 (i32.add (local.get $gh) (i32.shl (local.get $r) (i32.const 4)))))
        (local.set $p (i32.add (local.get $bins) (i32.mul (local.get $r) (local.get $F))))
        (local.set $ap (local.get $active))
        (block $quadsDone
          (loop $quad
            (br_if $quadsDone (i32.ge_u (local.get $ap) (local.get $a4)))
            (local.set $k (i32.load offset=0 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $k (i32.load offset=4 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $k (i32.load offset=8 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $k (i32.load offset=12 (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 16)))
            (br $quad)))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_u (local.get $ap) (local.get $aend)))
            (local.set $k (i32.load (local.get $ap)))
            (local.set $k (i32.or (i32.shl (local.get $k) (i32.const 8)) (i32.load8_u (i32.add (local.get $p) (local.get $k)))))
            (local.set $s (i32.add (local.get $sums) (i32.shl (local.get $k) (i32.const 4))))
            (v128.store align=8 (local.get $s) (f64x2.add (v128.load align=8 (local.get $s)) (local.get $g)))
            (local.set $ap (i32.add (local.get $ap) (i32.const 4)))
            (br $tail)))
        ;; Missing lanes: a lane of 0xff compares to all ones (-1), subtracted: +1.
        (local.set $q (i32.const 0))
        (block $lanesDone
          (loop $lanes
            (br_if $lanesDone (i32.ge_u (local.get $q) (local.get $qend)))
            (v128.store (i32.add (local.get $acc) (local.get $q))
              (i8x16.sub (v128.load (i32.add (local.get $acc) (local.get $q)))
                (i8x16.eq (v128.load align=1 (i32.add (local.get $p) (local.get $q))) (v128.const i32x4 -1 -1 -1 -1))))
            (local.set $q (i32.add (local.get $q) (i32.const 16)))
            (br $lanes)))
        (local.set $pending (i32.add (local.get $pending) (i32.const 1)))
        (if (i32.eq (local.get $pending) (i32.const 255))
          (then
            (call $flushMissing (local.get $F) (local.get $counts) (local.get $acc))
            (local.set $pending (i32.const 0))))
        (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
        (br $row)))
    (call $flushMissing (local.get $F) (local.get $counts) (local.get $acc)))

  ;; counts[f * 256 + 255] += acc[f] for f < F, then acc[0..F) = 0.
  (func $flushMissing (param $F i32) (param $counts i32) (param $acc i32)
    (local $f i32) (local $c i32)
    (block $done
      (loop $lane
        (br_if $done (i32.ge_u (local.get $f) (local.get $F)))
        (local.set $c (i32.add (local.get $counts) (i32.add (i32.shl (local.get $f) (i32.const 10)) (i32.const 1020))))
        (i32.store (local.get $c) (i32.add (i32.load (local.get $c)) (i32.load8_u (i32.add (local.get $acc) (local.get $f)))))
        (i32.store8 (i32.add (local.get $acc) (local.get $f)) (i32.const 0))
        (local.set $f (i32.add (local.get $f) (i32.const 1)))
        (br $lane))))

  ;; The sibling's histogram from its parent's: sums[0..pairs) -= small sums, counts[0..pairs) -= small counts.
  (func (export "subtract") (param $sums i32) (param $counts i32) (param $smallSums i32) (param $smallCounts i32) (param $pairs i32)
    (local $o i32) (local $end i32)
    (local.set $end (i32.shl (local.get $pairs) (i32.const 4)))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store align=8 (i32.add (local.get $sums) (local.get $o))
          (f64x2.sub (v128.load align=8 (i32.add (local.get $sums) (local.get $o)))
            (v128.load align=8 (i32.add (local.get $smallSums) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $pair)))
    (local.set $o (i32.const 0))
    (local.set $end (i32.shl (local.get $pairs) (i32.const 2)))
    (block $cdone
      (loop $count
        (br_if $cdone (i32.ge_u (local.get $o) (local.get $end)))
        (v128.store align=4 (i32.add (local.get $counts) (local.get $o))
          (i32x4.sub (v128.load align=4 (i32.add (local.get $counts) (local.get $o)))
            (v128.load align=4 (i32.add (local.get $smallCounts) (local.get $o)))))
        (local.set $o (i32.add (local.get $o) (i32.const 16)))
        (br $count))))
)
