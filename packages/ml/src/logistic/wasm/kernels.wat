;; SIMD kernels of the logistic model over a design held in this module's (shared) memory.
;; Dense inputs are float32, row-major (rows x d); one-hot slots are int32 model-column indices
;; (rows x s); coefficients, gradients and Hessians are float64. Products of the float32 inputs are
;; accumulated in float64, two lanes at a time (f64x2). The exp/log parts stay in JavaScript.
;; Rows visited: start, start + step, ... below end; per-row buffers (z, r, h) are indexed 0, 1, 2, ...
;; Build: npx tsx scripts/build-wasm.ts (writes kernels-binary.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; sum_j x[j] * c[j] for one float32 row x (d values) and float64 coefficients c.
  (func $dot (param $x i32) (param $c i32) (param $d i32) (result f64)
    (local $j i32) (local $end4 i32) (local $v v128) (local $acc0 v128) (local $acc1 v128) (local $sum f64)
    (local.set $end4 (i32.and (local.get $d) (i32.const -4)))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $j) (local.get $end4)))
        (local.set $v (v128.load align=4 (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))))
        (local.set $acc0
          (f64x2.add (local.get $acc0)
            (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v))
              (v128.load align=8 (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $acc1
          (f64x2.add (local.get $acc1)
            (f64x2.mul
              (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
              (v128.load offset=16 align=8 (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quad)))
    (local.set $acc0 (f64x2.add (local.get $acc0) (local.get $acc1)))
    (local.set $sum (f64.add (f64x2.extract_lane 0 (local.get $acc0)) (f64x2.extract_lane 1 (local.get $acc0))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $j) (local.get $d)))
        (local.set $sum
          (f64.add (local.get $sum)
            (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x) (i32.shl (local.get $j) (i32.const 2)))))
              (f64.load (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tail)))
    (local.get $sum))

  ;; $dot for four rows at once (row addresses $x0..$x3), sharing each load of the coefficients; each
  ;; row's sum is formed in exactly $dot's order, so a row gets the same bits in either. Writes the
  ;; four sums to $out[0..4).
  (func $dot4 (param $x0 i32) (param $x1 i32) (param $x2 i32) (param $x3 i32) (param $c i32) (param $d i32) (param $out i32)
    (local $j i32) (local $end4 i32) (local $xj i32) (local $cj i32) (local $c0 v128) (local $c1 v128) (local $v v128)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $s0 f64) (local $s1 f64) (local $s2 f64) (local $s3 f64) (local $cs f64)
    (local.set $end4 (i32.and (local.get $d) (i32.const -4)))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $j) (local.get $end4)))
        (local.set $xj (i32.shl (local.get $j) (i32.const 2)))
        (local.set $cj (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $c0 (v128.load align=8 (local.get $cj)))
        (local.set $c1 (v128.load offset=16 align=8 (local.get $cj)))
        (local.set $v (v128.load align=4 (i32.add (local.get $x0) (local.get $xj))))
        (local.set $a00 (f64x2.add (local.get $a00) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (local.get $c0))))
        (local.set $a01 (f64x2.add (local.get $a01)
          (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))) (local.get $c1))))
        (local.set $v (v128.load align=4 (i32.add (local.get $x1) (local.get $xj))))
        (local.set $a10 (f64x2.add (local.get $a10) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (local.get $c0))))
        (local.set $a11 (f64x2.add (local.get $a11)
          (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))) (local.get $c1))))
        (local.set $v (v128.load align=4 (i32.add (local.get $x2) (local.get $xj))))
        (local.set $a20 (f64x2.add (local.get $a20) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (local.get $c0))))
        (local.set $a21 (f64x2.add (local.get $a21)
          (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))) (local.get $c1))))
        (local.set $v (v128.load align=4 (i32.add (local.get $x3) (local.get $xj))))
        (local.set $a30 (f64x2.add (local.get $a30) (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v)) (local.get $c0))))
        (local.set $a31 (f64x2.add (local.get $a31)
          (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v))) (local.get $c1))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $quad)))
    (local.set $a00 (f64x2.add (local.get $a00) (local.get $a01)))
    (local.set $a10 (f64x2.add (local.get $a10) (local.get $a11)))
    (local.set $a20 (f64x2.add (local.get $a20) (local.get $a21)))
    (local.set $a30 (f64x2.add (local.get $a30) (local.get $a31)))
    (local.set $s0 (f64.add (f64x2.extract_lane 0 (local.get $a00)) (f64x2.extract_lane 1 (local.get $a00))))
    (local.set $s1 (f64.add (f64x2.extract_lane 0 (local.get $a10)) (f64x2.extract_lane 1 (local.get $a10))))
    (local.set $s2 (f64.add (f64x2.extract_lane 0 (local.get $a20)) (f64x2.extract_lane 1 (local.get $a20))))
    (local.set $s3 (f64.add (f64x2.extract_lane 0 (local.get $a30)) (f64x2.extract_lane 1 (local.get $a30))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $j) (local.get $d)))
        (local.set $xj (i32.shl (local.get $j) (i32.const 2)))
        (local.set $cs (f64.load (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 3)))))
        (local.set $s0 (f64.add (local.get $s0) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x0) (local.get $xj)))) (local.get $cs))))
        (local.set $s1 (f64.add (local.get $s1) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x1) (local.get $xj)))) (local.get $cs))))
        (local.set $s2 (f64.add (local.get $s2) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x2) (local.get $xj)))) (local.get $cs))))
        (local.set $s3 (f64.add (local.get $s3) (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x3) (local.get $xj)))) (local.get $cs))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tail)))
    (f64.store (local.get $out) (local.get $s0))
    (f64.store offset=8 (local.get $out) (local.get $s1))
    (f64.store offset=16 (local.get $out) (local.get $s2))
    (f64.store offset=24 (local.get $out) (local.get $s3)))

  ;; b + the one-hot coefficients of row $i, added in slot order to the dense sum $acc.
  (func $withOnehot (param $acc f64) (param $b f64) (param $oh i32) (param $s i32) (param $coef i32) (param $i i32) (result f64)
    (local $t i32) (local $ohrow i32)
    (local.set $acc (f64.add (local.get $b) (local.get $acc)))
    (local.set $ohrow (i32.add (local.get $oh) (i32.shl (i32.mul (local.get $i) (local.get $s)) (i32.const 2))))
    (block $ohdone
      (loop $slots
        (br_if $ohdone (i32.ge_u (local.get $t) (local.get $s)))
        (local.set $acc
          (f64.add (local.get $acc)
            (f64.load (i32.add (local.get $coef)
              (i32.shl (i32.load (i32.add (local.get $ohrow) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $slots)))
    (local.get $acc))

  ;; z[k] = b + x_i . coef[0..d) + sum_t coef[oh[i, t]] for the visited rows i, four rows at a time.
  (func $dots (export "dots")
    (param $x i32) (param $d i32) (param $oh i32) (param $s i32) (param $coef i32) (param $b f64)
    (param $z i32) (param $start i32) (param $end i32) (param $step i32)
    (local $i i32) (local $k i32) (local $rowBytes i32) (local $stepBytes i32) (local $xi i32) (local $zk i32)
    (local.set $rowBytes (i32.shl (local.get $d) (i32.const 2)))
    (local.set $stepBytes (i32.mul (local.get $step) (local.get $rowBytes)))
    (local.set $i (local.get $start))
    (block $qdone
      (loop $quads
        (br_if $qdone (i32.ge_u (i32.add (local.get $i) (i32.mul (local.get $step) (i32.const 3))) (local.get $end)))
        (local.set $xi (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))))
        (local.set $zk (i32.add (local.get $z) (i32.shl (local.get $k) (i32.const 3))))
        (call $dot4 (local.get $xi) (i32.add (local.get $xi) (local.get $stepBytes))
          (i32.add (local.get $xi) (i32.shl (local.get $stepBytes) (i32.const 1))) (i32.add (local.get $xi) (i32.mul (local.get $stepBytes) (i32.const 3)))
          (local.get $coef) (local.get $d) (local.get $zk))
        (f64.store (local.get $zk)
          (call $withOnehot (f64.load (local.get $zk)) (local.get $b) (local.get $oh) (local.get $s) (local.get $coef) (local.get $i)))
        (f64.store offset=8 (local.get $zk)
          (call $withOnehot (f64.load offset=8 (local.get $zk)) (local.get $b) (local.get $oh) (local.get $s) (local.get $coef)
            (i32.add (local.get $i) (local.get $step))))
        (f64.store offset=16 (local.get $zk)
          (call $withOnehot (f64.load offset=16 (local.get $zk)) (local.get $b) (local.get $oh) (local.get $s) (local.get $coef)
            (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 1)))))
        (f64.store offset=24 (local.get $zk)
          (call $withOnehot (f64.load offset=24 (local.get $zk)) (local.get $b) (local.get $oh) (local.get $s) (local.get $coef)
            (i32.add (local.get $i) (i32.mul (local.get $step) (i32.const 3)))))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (local.set $i (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 2))))
        (br $quads)))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (f64.store (i32.add (local.get $z) (i32.shl (local.get $k) (i32.const 3)))
          (call $withOnehot
            (call $dot (i32.add (local.get $x) (i32.mul (local.get $i) (local.get $rowBytes))) (local.get $coef) (local.get $d))
            (local.get $b) (local.get $oh) (local.get $s) (local.get $coef) (local.get $i)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (br $rows))))

  ;; grad[j] += sum_k r[k] * x[i_k, j]  and  grad[oh[i_k, t]] += r[k], two rows per pass over grad.
  (func $gradAccum (export "gradAccum")
    (param $x i32) (param $d i32) (param $oh i32) (param $s i32) (param $r i32) (param $grad i32)
    (param $start i32) (param $end i32) (param $step i32)
    (local $i i32) (local $k i32) (local $j i32) (local $t i32) (local $end4 i32)
    (local $x0 i32) (local $x1 i32) (local $rs0 f64) (local $rs1 f64) (local $r0 v128) (local $r1 v128)
    (local $v0 v128) (local $v1 v128) (local $g i32) (local $oh0 i32) (local $oh1 i32) (local $cell i32)
    (local.set $end4 (i32.and (local.get $d) (i32.const -4)))
    (local.set $i (local.get $start))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $x0 (i32.add (local.get $x) (i32.shl (i32.mul (local.get $i) (local.get $d)) (i32.const 2))))
        (local.set $oh0 (i32.add (local.get $oh) (i32.shl (i32.mul (local.get $i) (local.get $s)) (i32.const 2))))
        (local.set $rs0 (f64.load (i32.add (local.get $r) (i32.shl (local.get $k) (i32.const 3)))))
        ;; The second row, or the first again with weight 0 when only one is left.
        (if (i32.lt_u (i32.add (local.get $i) (local.get $step)) (local.get $end))
          (then
            (local.set $x1 (i32.add (local.get $x0) (i32.shl (i32.mul (local.get $step) (local.get $d)) (i32.const 2))))
            (local.set $oh1 (i32.add (local.get $oh0) (i32.shl (i32.mul (local.get $step) (local.get $s)) (i32.const 2))))
            (local.set $rs1 (f64.load offset=8 (i32.add (local.get $r) (i32.shl (local.get $k) (i32.const 3))))))
          (else
            (local.set $x1 (local.get $x0))
            (local.set $oh1 (local.get $oh0))
            (local.set $rs1 (f64.const 0))))
        (local.set $r0 (f64x2.splat (local.get $rs0)))
        (local.set $r1 (f64x2.splat (local.get $rs1)))
        (local.set $j (i32.const 0))
        (block $qdone
          (loop $quad
            (br_if $qdone (i32.ge_u (local.get $j) (local.get $end4)))
            (local.set $v0 (v128.load align=4 (i32.add (local.get $x0) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $v1 (v128.load align=4 (i32.add (local.get $x1) (i32.shl (local.get $j) (i32.const 2)))))
            (local.set $g (i32.add (local.get $grad) (i32.shl (local.get $j) (i32.const 3))))
            (v128.store align=8 (local.get $g)
              (f64x2.add (v128.load align=8 (local.get $g))
                (f64x2.add
                  (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v0)) (local.get $r0))
                  (f64x2.mul (f64x2.promote_low_f32x4 (local.get $v1)) (local.get $r1)))))
            (v128.store offset=16 align=8 (local.get $g)
              (f64x2.add (v128.load offset=16 align=8 (local.get $g))
                (f64x2.add
                  (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v0) (local.get $v0))) (local.get $r0))
                  (f64x2.mul (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v1) (local.get $v1))) (local.get $r1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $quad)))
        (block $tdone
          (loop $tail
            (br_if $tdone (i32.ge_u (local.get $j) (local.get $d)))
            (local.set $g (i32.add (local.get $grad) (i32.shl (local.get $j) (i32.const 3))))
            (f64.store (local.get $g)
              (f64.add (f64.load (local.get $g))
                (f64.add
                  (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x0) (i32.shl (local.get $j) (i32.const 2))))) (local.get $rs0))
                  (f64.mul (f64.promote_f32 (f32.load (i32.add (local.get $x1) (i32.shl (local.get $j) (i32.const 2))))) (local.get $rs1)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $tail)))
        (local.set $t (i32.const 0))
        (block $sdone
          (loop $slots
            (br_if $sdone (i32.ge_u (local.get $t) (local.get $s)))
            (local.set $cell (i32.add (local.get $grad) (i32.shl (i32.load (i32.add (local.get $oh0) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $cell) (f64.add (f64.load (local.get $cell)) (local.get $rs0)))
            (local.set $cell (i32.add (local.get $grad) (i32.shl (i32.load (i32.add (local.get $oh1) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $cell) (f64.add (f64.load (local.get $cell)) (local.get $rs1)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $slots)))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (local.set $i (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 1))))
        (br $rows))))

  ;; H += h[k] * a a' over the visited rows (upper triangle of a size x size row-major matrix), where
  ;; a = [dense x, one-hot indicators, 1 for the intercept at column size - 1]. $row: scratch for d f64.
  (func (export "hessAccum")
    (param $x i32) (param $d i32) (param $oh i32) (param $s i32) (param $h i32) (param $H i32) (param $size i32)
    (param $row i32) (param $start i32) (param $end i32) (param $step i32)
    (local $i i32) (local $k i32) (local $j i32) (local $a i32) (local $b i32) (local $t i32) (local $t2 i32)
    (local $w f64) (local $wa f64) (local $was v128) (local $base i32) (local $cell i32) (local $ohrow i32)
    (local $p i32) (local $u i32)
    (local.set $p (i32.sub (local.get $size) (i32.const 1)))
    (local.set $i (local.get $start))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $w (f64.load (i32.add (local.get $h) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $ohrow (i32.add (local.get $oh) (i32.shl (i32.mul (local.get $i) (local.get $s)) (i32.const 2))))
        ;; This row's dense values as f64.
        (local.set $j (i32.const 0))
        (block $cdone
          (loop $convert
            (br_if $cdone (i32.ge_u (local.get $j) (local.get $d)))
            (f64.store (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 3)))
              (f64.promote_f32 (f32.load (i32.add (local.get $x)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $d)) (local.get $j)) (i32.const 2))))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $convert)))
        (local.set $a (i32.const 0))
        (block $adone
          (loop $arow
            (br_if $adone (i32.ge_u (local.get $a) (local.get $d)))
            (local.set $wa (f64.mul (local.get $w) (f64.load (i32.add (local.get $row) (i32.shl (local.get $a) (i32.const 3))))))
            (local.set $was (f64x2.splat (local.get $wa)))
            (local.set $base (i32.add (local.get $H) (i32.shl (i32.mul (local.get $a) (local.get $size)) (i32.const 3))))
            (local.set $b (local.get $a))
            (block $pdone
              (loop $pair
                (br_if $pdone (i32.gt_u (i32.add (local.get $b) (i32.const 2)) (local.get $d)))
                (local.set $cell (i32.add (local.get $base) (i32.shl (local.get $b) (i32.const 3))))
                (v128.store align=8 (local.get $cell)
                  (f64x2.add (v128.load align=8 (local.get $cell))
                    (f64x2.mul (local.get $was) (v128.load align=8 (i32.add (local.get $row) (i32.shl (local.get $b) (i32.const 3)))))))
                (local.set $b (i32.add (local.get $b) (i32.const 2)))
                (br $pair)))
            (if (i32.lt_u (local.get $b) (local.get $d))
              (then
                (local.set $cell (i32.add (local.get $base) (i32.shl (local.get $b) (i32.const 3))))
                (f64.store (local.get $cell)
                  (f64.add (f64.load (local.get $cell))
                    (f64.mul (local.get $wa) (f64.load (i32.add (local.get $row) (i32.shl (local.get $b) (i32.const 3)))))))))
            (local.set $t (i32.const 0))
            (block $sdone
              (loop $slots
                (br_if $sdone (i32.ge_u (local.get $t) (local.get $s)))
                (local.set $cell (i32.add (local.get $base) (i32.shl (i32.load (i32.add (local.get $ohrow) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 3))))
                (f64.store (local.get $cell) (f64.add (f64.load (local.get $cell)) (local.get $wa)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $slots)))
            (local.set $cell (i32.add (local.get $base) (i32.shl (local.get $p) (i32.const 3))))
            (f64.store (local.get $cell) (f64.add (f64.load (local.get $cell)) (local.get $wa)))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $arow)))
        ;; One-hot rows: indicator x indicator (later slots hold later columns) and x intercept.
        (local.set $t (i32.const 0))
        (block $odone
          (loop $orow
            (br_if $odone (i32.ge_u (local.get $t) (local.get $s)))
            (local.set $u (i32.load (i32.add (local.get $ohrow) (i32.shl (local.get $t) (i32.const 2)))))
            (local.set $base (i32.add (local.get $H) (i32.shl (i32.mul (local.get $u) (local.get $size)) (i32.const 3))))
            (local.set $t2 (local.get $t))
            (block $idone
              (loop $inner
                (br_if $idone (i32.ge_u (local.get $t2) (local.get $s)))
                (local.set $cell (i32.add (local.get $base) (i32.shl (i32.load (i32.add (local.get $ohrow) (i32.shl (local.get $t2) (i32.const 2)))) (i32.const 3))))
                (f64.store (local.get $cell) (f64.add (f64.load (local.get $cell)) (local.get $w)))
                (local.set $t2 (i32.add (local.get $t2) (i32.const 1)))
                (br $inner)))
            (local.set $cell (i32.add (local.get $base) (i32.shl (local.get $p) (i32.const 3))))
            (f64.store (local.get $cell) (f64.add (f64.load (local.get $cell)) (local.get $w)))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $orow)))
        (local.set $cell (i32.add (local.get $H) (i32.shl (i32.add (i32.mul (local.get $p) (local.get $size)) (local.get $p)) (i32.const 3))))
        (f64.store (local.get $cell) (f64.add (f64.load (local.get $cell)) (local.get $w)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (local.get $step)))
        (br $rows))))

  ;; exp of two lanes, as in $sigmoid4 below: Cody-Waite reduction, Taylor series to degree 12, 2^k.
  (func $exp2 (param $x v128) (result v128)
    (local $k v128) (local $r v128) (local $p v128)
    (local.set $x (f64x2.pmax (f64x2.pmin (local.get $x) (v128.const f64x2 700 700)) (v128.const f64x2 -700 -700)))
    (local.set $k (f64x2.nearest (f64x2.mul (local.get $x) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
    (local.set $r (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (v128.const f64x2 0.6931471803691238 0.6931471803691238))))
    (local.set $r (f64x2.sub (local.get $r) (f64x2.mul (local.get $k) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
    (local.set $p (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.7557319223985893e-6 2.7557319223985893e-6)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 2.48015873015873e-5 2.48015873015873e-5)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1.984126984126984e-4 1.984126984126984e-4)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1.388888888888889e-3 1.388888888888889e-3)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 8.333333333333333e-3 8.333333333333333e-3)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 4.1666666666666664e-2 4.1666666666666664e-2)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 0.5 0.5)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1 1)))
    (local.set $p (f64x2.add (f64x2.mul (local.get $p) (local.get $r)) (v128.const f64x2 1 1)))
    (f64x2.mul (local.get $p)
      (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $k))) (v128.const i64x2 1023 1023)) (i32.const 52))))

  ;; log(1 + e) for e in [0, 1] (two lanes): with s = e / (2 + e) in [0, 1/3],
  ;; log(1 + e) = 2 atanh(s) = 2 s (1 + s^2/3 + s^4/5 + ...), summed to s^32/33 (relative error < 1e-17).
  (func $log1pUnit (param $e v128) (result v128)
    (local $t v128) (local $t2 v128) (local $q v128)
    (local.set $t (f64x2.div (local.get $e) (f64x2.add (v128.const f64x2 2 2) (local.get $e))))
    (local.set $t2 (f64x2.mul (local.get $t) (local.get $t)))
    (local.set $q (v128.const f64x2 0.030303030303030304 0.030303030303030304))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.03225806451612903 0.03225806451612903)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.034482758620689655 0.034482758620689655)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.037037037037037035 0.037037037037037035)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.04 0.04)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.043478260869565216 0.043478260869565216)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.047619047619047616 0.047619047619047616)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.05263157894736842 0.05263157894736842)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.058823529411764705 0.058823529411764705)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.06666666666666667 0.06666666666666667)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.07692307692307693 0.07692307692307693)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.09090909090909091 0.09090909090909091)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.1111111111111111 0.1111111111111111)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.14285714285714285 0.14285714285714285)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.2 0.2)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 0.3333333333333333 0.3333333333333333)))
    (local.set $q (f64x2.add (f64x2.mul (local.get $q) (local.get $t2)) (v128.const f64x2 1.0 1.0)))
    (f64x2.mul (f64x2.add (local.get $t) (local.get $t)) (local.get $q)))

  ;; One full pass of the weighted log loss and its gradient over the visited rows, in blocks of 1024:
  ;; the log-odds (dots), the per-row loss and residual r = w (sigmoid(z) - y) two rows at a time, then
  ;; grad += X' r (gradAccum); grad[p] (the intercept) += sum r. Labels are bytes at $y (row-indexed),
  ;; weights float32 at $w, or unit weights when $w is 0. $z and $r are 1024-slot f64 scratch buffers.
  (func (export "lossGrad")
    (param $x i32) (param $d i32) (param $oh i32) (param $s i32) (param $coef i32) (param $b f64)
    (param $y i32) (param $w i32) (param $z i32) (param $r i32) (param $grad i32) (param $p i32)
    (param $start i32) (param $end i32) (param $step i32) (result f64)
    (local $from i32) (local $to i32) (local $count i32) (local $k i32) (local $i i32) (local $second i32)
    (local $zv v128) (local $yv v128) (local $wv v128) (local $e v128) (local $rv v128) (local $loss v128) (local $rsum v128)
    (local $cell i32)
    (local.set $from (local.get $start))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $from) (local.get $end)))
        (local.set $to (i32.add (local.get $from) (i32.mul (i32.const 1024) (local.get $step))))
        (if (i32.gt_u (local.get $to) (local.get $end)) (then (local.set $to (local.get $end))))
        (local.set $count (i32.div_u (i32.sub (i32.add (i32.sub (local.get $to) (local.get $from)) (local.get $step)) (i32.const 1)) (local.get $step)))
        (call $dots (local.get $x) (local.get $d) (local.get $oh) (local.get $s) (local.get $coef) (local.get $b) (local.get $z) (local.get $from) (local.get $to) (local.get $step))
        (local.set $k (i32.const 0))
        (local.set $i (local.get $from))
        (block $pdone
          (loop $pairs
            (br_if $pdone (i32.ge_u (local.get $k) (local.get $count)))
            (local.set $second (i32.lt_u (i32.add (local.get $k) (i32.const 1)) (local.get $count)))
            (local.set $zv (v128.load align=8 (i32.add (local.get $z) (i32.shl (local.get $k) (i32.const 3)))))
            (local.set $yv (f64x2.splat (f64.convert_i32_u (i32.load8_u (i32.add (local.get $y) (local.get $i))))))
            (local.set $wv (v128.const f64x2 1 1))
            (if (i32.ne (local.get $w) (i32.const 0))
              (then (local.set $wv (f64x2.splat (f64.promote_f32 (f32.load (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 2)))))))))
            (if (local.get $second)
              (then
                (local.set $yv (f64x2.replace_lane 1 (local.get $yv)
                  (f64.convert_i32_u (i32.load8_u (i32.add (local.get $y) (i32.add (local.get $i) (local.get $step)))))))
                (if (i32.ne (local.get $w) (i32.const 0))
                  (then (local.set $wv (f64x2.replace_lane 1 (local.get $wv)
                    (f64.promote_f32 (f32.load (i32.add (local.get $w) (i32.shl (i32.add (local.get $i) (local.get $step)) (i32.const 2))))))))))
              (else
                ;; A lone last row: the second lane carries nothing (z 0, weight 0).
                (local.set $zv (f64x2.replace_lane 1 (local.get $zv) (f64.const 0)))
                (local.set $wv (f64x2.replace_lane 1 (local.get $wv) (f64.const 0)))))
            (local.set $e (call $exp2 (f64x2.neg (f64x2.abs (local.get $zv)))))
            ;; sigmoid(z) = 1 / (1 + e) for z >= 0, e / (1 + e) otherwise.
            (local.set $rv
              (f64x2.mul (local.get $wv)
                (f64x2.sub
                  (f64x2.div (v128.bitselect (v128.const f64x2 1 1) (local.get $e) (f64x2.ge (local.get $zv) (v128.const f64x2 0 0)))
                    (f64x2.add (v128.const f64x2 1 1) (local.get $e)))
                  (local.get $yv))))
            (v128.store align=8 (i32.add (local.get $r) (i32.shl (local.get $k) (i32.const 3))) (local.get $rv))
            (local.set $rsum (f64x2.add (local.get $rsum) (local.get $rv)))
            (local.set $loss
              (f64x2.add (local.get $loss)
                (f64x2.mul (local.get $wv)
                  (f64x2.sub
                    (f64x2.add (f64x2.pmax (local.get $zv) (v128.const f64x2 0 0)) (call $log1pUnit (local.get $e)))
                    (f64x2.mul (local.get $yv) (local.get $zv))))))
            (local.set $k (i32.add (local.get $k) (i32.const 2)))
            (local.set $i (i32.add (local.get $i) (i32.shl (local.get $step) (i32.const 1))))
            (br $pairs)))
        (call $gradAccum (local.get $x) (local.get $d) (local.get $oh) (local.get $s) (local.get $r) (local.get $grad) (local.get $from) (local.get $to) (local.get $step))
        (local.set $from (local.get $to))
        (br $blocks)))
    (local.set $cell (i32.add (local.get $grad) (i32.shl (local.get $p) (i32.const 3))))
    (f64.store (local.get $cell)
      (f64.add (f64.load (local.get $cell)) (f64.add (f64x2.extract_lane 0 (local.get $rsum)) (f64x2.extract_lane 1 (local.get $rsum)))))
    (f64.add (f64x2.extract_lane 0 (local.get $loss)) (f64x2.extract_lane 1 (local.get $loss))))

  ;; exp by Cody-Waite reduction: x = k ln2 + r with |r| <= ln2 / 2, exp(r) by its Taylor series to
  ;; degree 12 (relative error below 2e-16 there), times 2^k built in the exponent bits; inputs are
  ;; clamped to [-700, 700], far inside the double range.
  ;; Sigmoids of four values at once: two exp evaluations interleaved (as $exp2 computes them) so
  ;; their dependency chains overlap.
  (func $sigmoid4 (param $z i32) (param $bound v128) (param $out i32)
    (local $xa v128) (local $xb v128) (local $ka v128) (local $kb v128) (local $ra v128) (local $rb v128) (local $pa v128) (local $pb v128)
    ;; Clamp in place (the scorer reports the clamped log-odds), then work on -z.
    (v128.store align=8 (local.get $z)
      (f64x2.pmax (f64x2.pmin (v128.load align=8 (local.get $z)) (local.get $bound)) (f64x2.neg (local.get $bound))))
    (v128.store offset=16 align=8 (local.get $z)
      (f64x2.pmax (f64x2.pmin (v128.load offset=16 align=8 (local.get $z)) (local.get $bound)) (f64x2.neg (local.get $bound))))
    (local.set $xa (f64x2.neg (v128.load align=8 (local.get $z))))
    (local.set $xb (f64x2.neg (v128.load offset=16 align=8 (local.get $z))))
    (local.set $xa (f64x2.pmax (f64x2.pmin (local.get $xa) (v128.const f64x2 700 700)) (v128.const f64x2 -700 -700)))
    (local.set $ka (f64x2.nearest (f64x2.mul (local.get $xa) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
    (local.set $ra (f64x2.sub (local.get $xa) (f64x2.mul (local.get $ka) (v128.const f64x2 0.6931471803691238 0.6931471803691238))))
    (local.set $ra (f64x2.sub (local.get $ra) (f64x2.mul (local.get $ka) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
    (local.set $pa (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9))
    (local.set $xb (f64x2.pmax (f64x2.pmin (local.get $xb) (v128.const f64x2 700 700)) (v128.const f64x2 -700 -700)))
    (local.set $kb (f64x2.nearest (f64x2.mul (local.get $xb) (v128.const f64x2 1.4426950408889634 1.4426950408889634))))
    (local.set $rb (f64x2.sub (local.get $xb) (f64x2.mul (local.get $kb) (v128.const f64x2 0.6931471803691238 0.6931471803691238))))
    (local.set $rb (f64x2.sub (local.get $rb) (f64x2.mul (local.get $kb) (v128.const f64x2 1.9082149292705877e-10 1.9082149292705877e-10))))
    (local.set $pb (v128.const f64x2 2.08767569878681e-9 2.08767569878681e-9))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 2.505210838544172e-8 2.505210838544172e-8)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 2.755731922398589e-7 2.755731922398589e-7)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 2.7557319223985893e-6 2.7557319223985893e-6)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 2.7557319223985893e-6 2.7557319223985893e-6)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 2.48015873015873e-5 2.48015873015873e-5)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 2.48015873015873e-5 2.48015873015873e-5)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 1.984126984126984e-4 1.984126984126984e-4)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 1.984126984126984e-4 1.984126984126984e-4)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 1.388888888888889e-3 1.388888888888889e-3)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 1.388888888888889e-3 1.388888888888889e-3)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 8.333333333333333e-3 8.333333333333333e-3)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 8.333333333333333e-3 8.333333333333333e-3)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 4.1666666666666664e-2 4.1666666666666664e-2)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 4.1666666666666664e-2 4.1666666666666664e-2)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 0.16666666666666666 0.16666666666666666)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 0.5 0.5)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 0.5 0.5)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 1 1)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 1 1)))
    (local.set $pa (f64x2.add (f64x2.mul (local.get $pa) (local.get $ra)) (v128.const f64x2 1 1)))
    (local.set $pb (f64x2.add (f64x2.mul (local.get $pb) (local.get $rb)) (v128.const f64x2 1 1)))
    (v128.store align=8 (local.get $out)
      (f64x2.div (v128.const f64x2 1 1) (f64x2.add (v128.const f64x2 1 1) (f64x2.mul (local.get $pa)
        (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $ka))) (v128.const i64x2 1023 1023)) (i32.const 52))))))
    (v128.store offset=16 align=8 (local.get $out)
      (f64x2.div (v128.const f64x2 1 1) (f64x2.add (v128.const f64x2 1 1) (f64x2.mul (local.get $pb)
        (i64x2.shl (i64x2.add (i64x2.extend_low_i32x4_s (i32x4.trunc_sat_f64x2_s_zero (local.get $kb))) (v128.const i64x2 1023 1023)) (i32.const 52)))))))

  ;; z[k] = clamp(z[k], -bound, bound) in place and out[k] = 1 / (1 + exp(-z[k])) for k < n (PDs stay
  ;; strictly inside (0, 1)). z and out may be the same buffer; both need room for n rounded up to 4.
  (func (export "sigmoids") (param $z i32) (param $out i32) (param $n i32) (param $bound f64)
    (local $k i32) (local $at i32) (local $hi v128)
    (local.set $hi (f64x2.splat (local.get $bound)))
    (block $done
      (loop $quads
        (br_if $done (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $at (i32.shl (local.get $k) (i32.const 3)))
        (call $sigmoid4 (i32.add (local.get $z) (local.get $at)) (local.get $hi) (i32.add (local.get $out) (local.get $at)))
        (local.set $k (i32.add (local.get $k) (i32.const 4)))
        (br $quads))))
)
