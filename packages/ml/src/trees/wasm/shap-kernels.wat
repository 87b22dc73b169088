;; The TreeSHAP memo's block kernels (src/trees/shap-kernels.ts loads them; scripts/build-wasm.ts compiles them).
(module
  (memory (import "env" "memory") 1)
  ;; keys[p] (i32) = the sides row p takes at a tree's splits, bit i set when it goes left at split i,
  ;; for rows [0, stride) of feature-major columns (f64; feature f's column at cols + f x stride x 8).
  ;; stride is a multiple of 4. A split is 16 bytes at meta + 16 i: threshold (f64), feature (i32),
  ;; missing side (i32, 1: left). Left is `x < threshold`, or with the missing side left `not x >=
  ;; threshold` (NaN fails both comparisons): the tests MemoTreeShap makes in JavaScript, four rows at a
  ;; time (two f64x2 comparisons, their masks narrowed to one i32x4).
  (func (export "split_keys") (param $cols i32) (param $stride i32) (param $meta i32) (param $splits i32) (param $keys i32)
    (local $i i32) (local $p i32) (local $end i32) (local $col i32) (local $k i32) (local $left i32)
    (local $bit v128) (local $thr v128) (local $a v128) (local $b v128) (local $m v128)
    (memory.fill (local.get $keys) (i32.const 0) (i32.shl (local.get $stride) (i32.const 2)))
    (local.set $end (i32.shl (local.get $stride) (i32.const 3)))
    (block $sdone (loop $sl
      (br_if $sdone (i32.ge_u (local.get $i) (local.get $splits)))
      (local.set $thr (f64x2.splat (f64.load (local.get $meta))))
      (local.set $col (i32.add (local.get $cols) (i32.mul (i32.load offset=8 (local.get $meta)) (local.get $end))))
      (local.set $left (i32.load offset=12 (local.get $meta)))
      (local.set $bit (i32x4.splat (i32.shl (i32.const 1) (local.get $i))))
      (local.set $p (i32.const 0))
      (local.set $k (local.get $keys))
      (if (local.get $left)
        (then
          (block $ldone (loop $ll
            (br_if $ldone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $a (f64x2.ge (v128.load (i32.add (local.get $col) (local.get $p))) (local.get $thr)))
            (local.set $b (f64x2.ge (v128.load offset=16 (i32.add (local.get $col) (local.get $p))) (local.get $thr)))
            (local.set $m (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a) (local.get $b)))
            (v128.store (local.get $k) (v128.or (v128.load (local.get $k)) (v128.andnot (local.get $bit) (local.get $m))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (br $ll))))
        (else
          (block $rdone (loop $rl
            (br_if $rdone (i32.ge_u (local.get $p) (local.get $end)))
            (local.set $a (f64x2.lt (v128.load (i32.add (local.get $col) (local.get $p))) (local.get $thr)))
            (local.set $b (f64x2.lt (v128.load offset=16 (i32.add (local.get $col) (local.get $p))) (local.get $thr)))
            (local.set $m (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a) (local.get $b)))
            (v128.store (local.get $k) (v128.or (v128.load (local.get $k)) (v128.and (local.get $bit) (local.get $m))))
            (local.set $k (i32.add (local.get $k) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 32)))
            (br $rl)))))
      (local.set $meta (i32.add (local.get $meta) (i32.const 16)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $sl)))
  )
  ;; A tree's remembered answers added to the block's sums: for each of its used features j (i32s at
  ;; `used`) and row p with an answer (offsets[p] >= 0, an i32 per row), acc[used[j] x rows + p] (f64,
  ;; feature-major) += answers[j x capacity + offsets[p]] (f64, the tree's answers feature-major). One
  ;; feature at a time along the rows: the sums in the same order as the JavaScript loop it replaced.
  (func (export "add_answers") (param $acc i32) (param $rows i32) (param $offsets i32) (param $answers i32) (param $capacity i32) (param $width i32) (param $used i32)
    (local $j i32) (local $col i32) (local $run i32) (local $k i32) (local $o i32) (local $end i32)
    (local.set $end (i32.add (local.get $offsets) (i32.shl (local.get $rows) (i32.const 2))))
    (block $jdone (loop $jl
      (br_if $jdone (i32.ge_u (local.get $j) (local.get $width)))
      (local.set $col (i32.add (local.get $acc) (i32.shl (i32.mul (i32.load (i32.add (local.get $used) (i32.shl (local.get $j) (i32.const 2)))) (local.get $rows)) (i32.const 3))))
      (local.set $run (i32.add (local.get $answers) (i32.shl (i32.mul (local.get $j) (local.get $capacity)) (i32.const 3))))
      (local.set $o (local.get $offsets))
      (block $pdone (loop $pl
        (br_if $pdone (i32.ge_u (local.get $o) (local.get $end)))
        (local.set $k (i32.load (local.get $o)))
        (if (i32.ge_s (local.get $k) (i32.const 0))
          (then (f64.store (local.get $col) (f64.add (f64.load (local.get $col)) (f64.load (i32.add (local.get $run) (i32.shl (local.get $k) (i32.const 3))))))))
        (local.set $col (i32.add (local.get $col) (i32.const 8)))
        (local.set $o (i32.add (local.get $o) (i32.const 4)))
        (br $pl)))
      (local.set $j (i32.add (local.get $j) (i32.const 1)))
      (br $jl)))
  )
  ;; offsets[p] = slots[keys[p]] - 1 for the block's `rows` rows (keys and offsets i32s, slots u16s): a
  ;; tree's key table gives each key its answer's number + 1, 0 for none yet, so a row without an answer
  ;; gets -1. Returns how many rows found one. The look-up MemoTreeShap made in JavaScript, a row at a
  ;; time, between the two kernels.
  (func (export "slot_offsets") (param $keys i32) (param $rows i32) (param $slots i32) (param $offsets i32) (result i32)
    (local $end i32) (local $s i32) (local $found i32)
    (local.set $end (i32.add (local.get $keys) (i32.shl (local.get $rows) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $keys) (local.get $end)))
      (local.set $s (i32.load16_u (i32.add (local.get $slots) (i32.shl (i32.load (local.get $keys)) (i32.const 1)))))
      (i32.store (local.get $offsets) (i32.sub (local.get $s) (i32.const 1)))
      (local.set $found (i32.add (local.get $found) (i32.gt_s (local.get $s) (i32.const 0))))
      (local.set $keys (i32.add (local.get $keys) (i32.const 4)))
      (local.set $offsets (i32.add (local.get $offsets) (i32.const 4)))
      (br $l)))
    (local.get $found)
  )
)
