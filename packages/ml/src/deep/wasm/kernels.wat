;; SIMD float32 kernels of the deep model's batched scorer and its Integrated Gradients (see batch-plan.ts
;; for how the network becomes calls of these). Every matrix is row-major float32 in this module's
;; (shared) memory; a "row" is one input point (a scored row, or one quadrature point of a row).
;; Each output element is summed in the same order whatever the number of rows, so a row scores the
;; same alone or in a batch of 4,096.
;; Build: npx tsx scripts/build-wasm.ts (writes kernels-binary.ts).
(module
  (import "env" "memory" (memory 1 65536 shared))

  ;; exp(x), four lanes: Cody-Waite reduction by ln 2, Cephes' degree-6 polynomial (relative error
  ;; about 1e-7), 2^k from the exponent bits. Inputs are clamped to [-87, 88] (no overflow, no denormals).
  (func $exp (param $x v128) (result v128)
    (local $k v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.pmax (f32x4.pmin (local.get $x) (v128.const f32x4 88 88 88 88)) (v128.const f32x4 -87 -87 -87 -87)))
    (local.set $k (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504088896341 1.44269504088896341 1.44269504088896341 1.44269504088896341))))
    (local.set $r (f32x4.sub (local.get $x) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375))))
    (local.set $r (f32x4.sub (local.get $r) (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
    (local.set $p (v128.const f32x4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4 1.9875691500e-4))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3 1.3981999507e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3 8.3334519073e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2 4.1665795894e-2)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1 1.6666665459e-1)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (v128.const f32x4 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1 5.0000001201e-1)))
    (local.set $p (f32x4.add (f32x4.add (f32x4.mul (f32x4.mul (local.get $p) (local.get $r)) (local.get $r)) (local.get $r)) (v128.const f32x4 1 1 1 1)))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))

  (func $sigmoid (param $x v128) (result v128)
    (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (call $exp (f32x4.neg (local.get $x))))))

  ;; q = 1 - tanh(|x|) = 2 / (exp(2|x|) + 1), in (0, 1]. From it tanh(x) = sign(x) (1 - q), 1 + tanh(x)
  ;; = q or 2 - q, and 1 - tanh(x)^2 = q (2 - q), none of them cancelling where |tanh| nears 1.
  (func $tanhComplement (param $x v128) (result v128)
    (local.set $x (f32x4.abs (local.get $x)))
    (f32x4.div (v128.const f32x4 2 2 2 2)
      (f32x4.add (call $exp (f32x4.add (local.get $x) (local.get $x))) (v128.const f32x4 1 1 1 1))))

  (func $tanh (param $x v128) (result v128)
    (local $q v128)
    (local.set $q (call $tanhComplement (local.get $x)))
    (v128.bitselect
      (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $q))
      (f32x4.sub (local.get $q) (v128.const f32x4 1 1 1 1))
      (f32x4.ge (local.get $x) (v128.const f32x4 0 0 0 0))))

  ;; 1 + tanh(x) from x and q.
  (func $onePlusTanh (param $x v128) (param $q v128) (result v128)
    (v128.bitselect
      (f32x4.sub (v128.const f32x4 2 2 2 2) (local.get $q))
      (local.get $q)
      (f32x4.ge (local.get $x) (v128.const f32x4 0 0 0 0))))

  ;; 1 - tanh^2 from q.
  (func $sech2 (param $q v128) (result v128)
    (f32x4.mul (local.get $q) (f32x4.sub (v128.const f32x4 2 2 2 2) (local.get $q))))

  ;; The tanh form of GELU's inner argument: sqrt(2/pi) (x + 0.044715 x^3).
  (func $geluInner (param $x v128) (result v128)
    (f32x4.mul (v128.const f32x4 0.7978845608028654 0.7978845608028654 0.7978845608028654 0.7978845608028654)
      (f32x4.add (local.get $x)
        (f32x4.mul (v128.const f32x4 0.044715 0.044715 0.044715 0.044715)
          (f32x4.mul (local.get $x) (f32x4.mul (local.get $x) (local.get $x)))))))

  ;; log(1 + e) for e in (0, 1]: 2 atanh(s) with s = e / (2 + e) in (0, 1/3], series to s^13.
  (func $log1pUnit (param $e v128) (result v128)
    (local $s v128) (local $s2 v128) (local $q v128)
    (local.set $s (f32x4.div (local.get $e) (f32x4.add (v128.const f32x4 2 2 2 2) (local.get $e))))
    (local.set $s2 (f32x4.mul (local.get $s) (local.get $s)))
    (local.set $q (v128.const f32x4 0.07692307692 0.07692307692 0.07692307692 0.07692307692))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $s2)) (v128.const f32x4 0.09090909091 0.09090909091 0.09090909091 0.09090909091)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $s2)) (v128.const f32x4 0.11111111111 0.11111111111 0.11111111111 0.11111111111)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $s2)) (v128.const f32x4 0.14285714286 0.14285714286 0.14285714286 0.14285714286)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $s2)) (v128.const f32x4 0.2 0.2 0.2 0.2)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $s2)) (v128.const f32x4 0.33333333333 0.33333333333 0.33333333333 0.33333333333)))
    (local.set $q (f32x4.add (f32x4.mul (local.get $q) (local.get $s2)) (v128.const f32x4 1 1 1 1)))
    (f32x4.mul (f32x4.add (local.get $s) (local.get $s)) (local.get $q)))

  ;; The activations of activations.ts, by index: 0 swish, 1 gelu (tanh form), 2 softplus, 3 tanh, 4 elu, 5 selu.
  (func $act (param $z v128) (param $kind i32) (result v128)
    (local $u v128)
    (block $selu (block $elu (block $tanh (block $softplus (block $gelu (block $swish
      (br_table $swish $gelu $softplus $tanh $elu $selu (local.get $kind)))
      (return (f32x4.div (local.get $z) (f32x4.add (v128.const f32x4 1 1 1 1) (call $exp (f32x4.neg (local.get $z)))))))
      (local.set $u (call $geluInner (local.get $z)))
      (return (f32x4.mul (f32x4.mul (v128.const f32x4 0.5 0.5 0.5 0.5) (local.get $z))
        (call $onePlusTanh (local.get $u) (call $tanhComplement (local.get $u))))))
      (return (f32x4.add (f32x4.pmax (local.get $z) (v128.const f32x4 0 0 0 0))
        (call $log1pUnit (call $exp (f32x4.neg (f32x4.abs (local.get $z))))))))
      (return (call $tanh (local.get $z))))
      (return (v128.bitselect (local.get $z)
        (f32x4.sub (call $exp (local.get $z)) (v128.const f32x4 1 1 1 1))
        (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))))
    (f32x4.mul (v128.const f32x4 1.0507009873554805 1.0507009873554805 1.0507009873554805 1.0507009873554805)
      (v128.bitselect (local.get $z)
        (f32x4.mul (v128.const f32x4 1.6732632423543772 1.6732632423543772 1.6732632423543772 1.6732632423543772)
          (f32x4.sub (call $exp (local.get $z)) (v128.const f32x4 1 1 1 1)))
        (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))))

  ;; Their derivatives at the pre-activation z.
  (func $dact (param $z v128) (param $kind i32) (result v128)
    (local $e v128) (local $s v128) (local $u v128) (local $q v128)
    (block $selu (block $elu (block $tanh (block $softplus (block $gelu (block $swish
      (br_table $swish $gelu $softplus $tanh $elu $selu (local.get $kind)))
      ;; s + z s (1 - s), with 1 - s = e s (e = exp(-z)) so that nothing cancels for large z.
      (local.set $e (call $exp (f32x4.neg (local.get $z))))
      (local.set $s (f32x4.div (v128.const f32x4 1 1 1 1) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e))))
      (return (f32x4.add (local.get $s)
        (f32x4.mul (f32x4.mul (local.get $z) (local.get $s)) (f32x4.mul (local.get $e) (local.get $s))))))
      (local.set $u (call $geluInner (local.get $z)))
      (local.set $q (call $tanhComplement (local.get $u)))
      (return (f32x4.add
        (f32x4.mul (v128.const f32x4 0.5 0.5 0.5 0.5) (call $onePlusTanh (local.get $u) (local.get $q)))
        (f32x4.mul
          (f32x4.mul (f32x4.mul (v128.const f32x4 0.5 0.5 0.5 0.5) (local.get $z)) (call $sech2 (local.get $q)))
          (f32x4.mul (v128.const f32x4 0.7978845608028654 0.7978845608028654 0.7978845608028654 0.7978845608028654)
            (f32x4.add (v128.const f32x4 1 1 1 1)
              (f32x4.mul (v128.const f32x4 0.134145 0.134145 0.134145 0.134145) (f32x4.mul (local.get $z) (local.get $z)))))))))
      (return (call $sigmoid (local.get $z))))
      (return (call $sech2 (call $tanhComplement (local.get $z)))))
      (return (v128.bitselect (v128.const f32x4 1 1 1 1) (call $exp (local.get $z))
        (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))))
    (f32x4.mul (v128.const f32x4 1.0507009873554805 1.0507009873554805 1.0507009873554805 1.0507009873554805)
      (v128.bitselect (v128.const f32x4 1 1 1 1)
        (f32x4.mul (v128.const f32x4 1.6732632423543772 1.6732632423543772 1.6732632423543772 1.6732632423543772) (call $exp (local.get $z)))
        (f32x4.gt (local.get $z) (v128.const f32x4 0 0 0 0)))))

  ;; Stores four outputs z (the sum plus the bias) at $o. Mode bits: 1 adds what $o holds first;
  ;; 2 stores act(z), keeping z at $q when $q is not 0 (the pre-activation the backward pass needs);
  ;; 4 multiplies z by act'(the pre-activation at $q) (the backward pass through an activation).
  (func $finish (param $z v128) (param $o i32) (param $q i32) (param $mode i32) (param $kind i32)
    (if (i32.and (local.get $mode) (i32.const 1))
      (then (local.set $z (f32x4.add (v128.load (local.get $o)) (local.get $z)))))
    (if (i32.and (local.get $mode) (i32.const 2))
      (then
        (if (local.get $q) (then (v128.store (local.get $q) (local.get $z))))
        (v128.store (local.get $o) (call $act (local.get $z) (local.get $kind)))
        (return)))
    (if (i32.and (local.get $mode) (i32.const 4))
      (then (local.set $z (f32x4.mul (local.get $z) (call $dact (v128.load (local.get $q)) (local.get $kind))))))
    (v128.store (local.get $o) (local.get $z)))

  ;; $base + $offset, or 0 when $base is 0 (no buffer).
  (func $at (param $base i32) (param $offset i32) (result i32)
    (select (i32.add (local.get $base) (local.get $offset)) (i32.const 0) (local.get $base)))

  ;; out[r, 8p .. 8p+8) = finish(sum_k a[r, k] w_p[k, 0..8) + bias_p) for every panel p and row r < rows.
  ;; The weights are packed in panels of 8 output columns (batch-plan.ts writes them): i32 kStart, i32 kEnd,
  ;; 8 bytes unused, f32 bias[8], then f32 w[kEnd - kStart][8]; rows of a panel outside [kStart, kEnd)
  ;; are zero and skipped (the band of a convolution, padding). Strides are in floats; $pre (with
  ;; stride $ldp) is 0 when not needed. Four rows at a time share each panel row of weights.
  (func (export "gemm")
    (param $a i32) (param $lda i32) (param $rows i32) (param $w i32) (param $panels i32)
    (param $out i32) (param $ldo i32) (param $mode i32) (param $kind i32) (param $pre i32) (param $ldp i32)
    (local $p i32) (local $panel i32) (local $k0 i32) (local $kn i32) (local $r i32) (local $rows4 i32)
    (local $a0 i32) (local $a1 i32) (local $a2 i32) (local $a3 i32) (local $wp i32) (local $wend i32)
    (local $o i32) (local $q i32) (local $col i32) (local $ldab i32) (local $ldob i32) (local $ldpb i32)
    (local $b0 v128) (local $b1 v128) (local $w0 v128) (local $w1 v128) (local $s v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $ldab (i32.shl (local.get $lda) (i32.const 2)))
    (local.set $ldob (i32.shl (local.get $ldo) (i32.const 2)))
    (local.set $ldpb (i32.shl (local.get $ldp) (i32.const 2)))
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $panel (local.get $w))
    (block $pdone
      (loop $panelLoop
        (br_if $pdone (i32.ge_u (local.get $p) (local.get $panels)))
        (local.set $k0 (i32.load (local.get $panel)))
        (local.set $kn (i32.load offset=4 (local.get $panel)))
        (local.set $b0 (v128.load offset=16 (local.get $panel)))
        (local.set $b1 (v128.load offset=32 (local.get $panel)))
        (local.set $wend (i32.add (i32.add (local.get $panel) (i32.const 48)) (i32.shl (i32.sub (local.get $kn) (local.get $k0)) (i32.const 5))))
        (local.set $col (i32.shl (local.get $p) (i32.const 5)))
        (local.set $r (i32.const 0))
        (block $qdone
          (loop $quad
            (br_if $qdone (i32.ge_u (local.get $r) (local.get $rows4)))
            (local.set $a0 (i32.add (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $ldab))) (i32.shl (local.get $k0) (i32.const 2))))
            (local.set $a1 (i32.add (local.get $a0) (local.get $ldab)))
            (local.set $a2 (i32.add (local.get $a1) (local.get $ldab)))
            (local.set $a3 (i32.add (local.get $a2) (local.get $ldab)))
            (local.set $wp (i32.add (local.get $panel) (i32.const 48)))
            (local.set $c00 (v128.const i32x4 0 0 0 0)) (local.set $c01 (v128.const i32x4 0 0 0 0))
            (local.set $c10 (v128.const i32x4 0 0 0 0)) (local.set $c11 (v128.const i32x4 0 0 0 0))
            (local.set $c20 (v128.const i32x4 0 0 0 0)) (local.set $c21 (v128.const i32x4 0 0 0 0))
            (local.set $c30 (v128.const i32x4 0 0 0 0)) (local.set $c31 (v128.const i32x4 0 0 0 0))
            (block $kdone
              (loop $k
                (br_if $kdone (i32.ge_u (local.get $wp) (local.get $wend)))
                (local.set $w0 (v128.load (local.get $wp)))
                (local.set $w1 (v128.load offset=16 (local.get $wp)))
                (local.set $s (v128.load32_splat (local.get $a0)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (local.get $a1)))
                (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (local.get $a2)))
                (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $s (v128.load32_splat (local.get $a3)))
                (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $s) (local.get $w0))))
                (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $s) (local.get $w1))))
                (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
                (local.set $a1 (i32.add (local.get $a1) (i32.const 4)))
                (local.set $a2 (i32.add (local.get $a2) (i32.const 4)))
                (local.set $a3 (i32.add (local.get $a3) (i32.const 4)))
                (local.set $wp (i32.add (local.get $wp) (i32.const 32)))
                (br $k)))
            (local.set $o (i32.add (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $ldob))) (local.get $col)))
            (local.set $q (call $at (local.get $pre) (i32.add (i32.mul (local.get $r) (local.get $ldpb)) (local.get $col))))
            (call $finish (f32x4.add (local.get $c00) (local.get $b0)) (local.get $o) (local.get $q) (local.get $mode) (local.get $kind))
            (call $finish (f32x4.add (local.get $c01) (local.get $b1)) (i32.add (local.get $o) (i32.const 16)) (call $at (local.get $q) (i32.const 16)) (local.get $mode) (local.get $kind))
            (local.set $o (i32.add (local.get $o) (local.get $ldob)))
            (local.set $q (call $at (local.get $q) (local.get $ldpb)))
            (call $finish (f32x4.add (local.get $c10) (local.get $b0)) (local.get $o) (local.get $q) (local.get $mode) (local.get $kind))
            (call $finish (f32x4.add (local.get $c11) (local.get $b1)) (i32.add (local.get $o) (i32.const 16)) (call $at (local.get $q) (i32.const 16)) (local.get $mode) (local.get $kind))
            (local.set $o (i32.add (local.get $o) (local.get $ldob)))
            (local.set $q (call $at (local.get $q) (local.get $ldpb)))
            (call $finish (f32x4.add (local.get $c20) (local.get $b0)) (local.get $o) (local.get $q) (local.get $mode) (local.get $kind))
            (call $finish (f32x4.add (local.get $c21) (local.get $b1)) (i32.add (local.get $o) (i32.const 16)) (call $at (local.get $q) (i32.const 16)) (local.get $mode) (local.get $kind))
            (local.set $o (i32.add (local.get $o) (local.get $ldob)))
            (local.set $q (call $at (local.get $q) (local.get $ldpb)))
            (call $finish (f32x4.add (local.get $c30) (local.get $b0)) (local.get $o) (local.get $q) (local.get $mode) (local.get $kind))
            (call $finish (f32x4.add (local.get $c31) (local.get $b1)) (i32.add (local.get $o) (i32.const 16)) (call $at (local.get $q) (i32.const 16)) (local.get $mode) (local.get $kind))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $quad)))
        ;; The last rows one at a time, with the same order of operations per output.
        (block $tdone
          (loop $tail
            (br_if $tdone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $a0 (i32.add (i32.add (local.get $a) (i32.mul (local.get $r) (local.get $ldab))) (i32.shl (local.get $k0) (i32.const 2))))
            (local.set $wp (i32.add (local.get $panel) (i32.const 48)))
            (local.set $c00 (v128.const i32x4 0 0 0 0))
            (local.set $c01 (v128.const i32x4 0 0 0 0))
            (block $kdone1
              (loop $k1
                (br_if $kdone1 (i32.ge_u (local.get $wp) (local.get $wend)))
                (local.set $s (v128.load32_splat (local.get $a0)))
                (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $s) (v128.load (local.get $wp)))))
                (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $wp)))))
                (local.set $a0 (i32.add (local.get $a0) (i32.const 4)))
                (local.set $wp (i32.add (local.get $wp) (i32.const 32)))
                (br $k1)))
            (local.set $o (i32.add (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $ldob))) (local.get $col)))
            (local.set $q (call $at (local.get $pre) (i32.add (i32.mul (local.get $r) (local.get $ldpb)) (local.get $col))))
            (call $finish (f32x4.add (local.get $c00) (local.get $b0)) (local.get $o) (local.get $q) (local.get $mode) (local.get $kind))
            (call $finish (f32x4.add (local.get $c01) (local.get $b1)) (i32.add (local.get $o) (i32.const 16)) (call $at (local.get $q) (i32.const 16)) (local.get $mode) (local.get $kind))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $tail)))
        (local.set $panel (local.get $wend))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $panelLoop))))

  ;; out[r] = (out[r] when $acc, else 0) + (bias + sum_j a[r, j] w[j]) for r < rows: a layer with one
  ;; output (the logit, the wide term). $k is a multiple of 4 (rows are padded with zero weights).
  (func (export "dots")
    (param $a i32) (param $lda i32) (param $rows i32) (param $w i32) (param $k i32) (param $bias f32) (param $out i32) (param $acc i32)
    (local $r i32) (local $j i32) (local $row i32) (local $kb i32) (local $s v128) (local $z f32) (local $o i32)
    (local.set $kb (i32.shl (local.get $k) (i32.const 2)))
    (block $done
      (loop $rowsLoop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $row (i32.add (local.get $a) (i32.shl (i32.mul (local.get $r) (local.get $lda)) (i32.const 2))))
        (local.set $s (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jLoop
            (br_if $jdone (i32.ge_u (local.get $j) (local.get $kb)))
            (local.set $s (f32x4.add (local.get $s)
              (f32x4.mul (v128.load (i32.add (local.get $row) (local.get $j))) (v128.load (i32.add (local.get $w) (local.get $j))))))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jLoop)))
        (local.set $z (f32.add (local.get $bias)
          (f32.add (f32.add (f32x4.extract_lane 0 (local.get $s)) (f32x4.extract_lane 1 (local.get $s)))
            (f32.add (f32x4.extract_lane 2 (local.get $s)) (f32x4.extract_lane 3 (local.get $s))))))
        (local.set $o (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 2))))
        (if (local.get $acc) (then (local.set $z (f32.add (f32.load (local.get $o)) (local.get $z)))))
        (f32.store (local.get $o) (local.get $z))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowsLoop))))

  ;; The quadrature points of Integrated Gradients: out[(r nodes + i) ld + j] = base[j] + alpha[i] (x[r ld + j] - base[j])
  ;; for rows r < rows and nodes i < nodes ($ld a multiple of 4).
  (func (export "interpolate")
    (param $x i32) (param $ld i32) (param $rows i32) (param $base i32) (param $alphas i32) (param $nodes i32) (param $out i32)
    (local $r i32) (local $i i32) (local $j i32) (local $ldb i32) (local $xr i32) (local $al v128) (local $b v128)
    (local.set $ldb (i32.shl (local.get $ld) (i32.const 2)))
    (block $rdone
      (loop $rLoop
        (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $xr (i32.add (local.get $x) (i32.mul (local.get $r) (local.get $ldb))))
        (local.set $i (i32.const 0))
        (block $idone
          (loop $iLoop
            (br_if $idone (i32.ge_u (local.get $i) (local.get $nodes)))
            (local.set $al (v128.load32_splat (i32.add (local.get $alphas) (i32.shl (local.get $i) (i32.const 2)))))
            (local.set $j (i32.const 0))
            (block $jdone
              (loop $jLoop
                (br_if $jdone (i32.ge_u (local.get $j) (local.get $ldb)))
                (local.set $b (v128.load (i32.add (local.get $base) (local.get $j))))
                (v128.store (i32.add (local.get $out) (local.get $j))
                  (f32x4.add (local.get $b)
                    (f32x4.mul (local.get $al) (f32x4.sub (v128.load (i32.add (local.get $xr) (local.get $j))) (local.get $b)))))
                (local.set $j (i32.add (local.get $j) (i32.const 16)))
                (br $jLoop)))
            (local.set $out (i32.add (local.get $out) (local.get $ldb)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rLoop))))

  ;; The path integral of the gradients: out[r ld + j] = (out[r ld + j] when $acc, else 0)
  ;; + sum_i weight[i] g[(r nodes + i) ld + j] for rows r < rows ($ld a multiple of 4).
  (func (export "pathSum")
    (param $g i32) (param $ld i32) (param $rows i32) (param $weights i32) (param $nodes i32) (param $out i32) (param $acc i32)
    (local $r i32) (local $i i32) (local $j i32) (local $ldb i32) (local $gr i32) (local $gp i32) (local $o i32) (local $s v128)
    (local.set $ldb (i32.shl (local.get $ld) (i32.const 2)))
    (block $rdone
      (loop $rLoop
        (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $gr (i32.add (local.get $g) (i32.mul (i32.mul (local.get $r) (local.get $nodes)) (local.get $ldb))))
        (local.set $j (i32.const 0))
        (block $jdone
          (loop $jLoop
            (br_if $jdone (i32.ge_u (local.get $j) (local.get $ldb)))
            (local.set $o (i32.add (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $ldb))) (local.get $j)))
            (local.set $s (v128.const i32x4 0 0 0 0))
            (if (local.get $acc) (then (local.set $s (v128.load (local.get $o)))))
            (local.set $gp (i32.add (local.get $gr) (local.get $j)))
            (local.set $i (i32.const 0))
            (block $idone
              (loop $iLoop
                (br_if $idone (i32.ge_u (local.get $i) (local.get $nodes)))
                (local.set $s (f32x4.add (local.get $s)
                  (f32x4.mul (v128.load32_splat (i32.add (local.get $weights) (i32.shl (local.get $i) (i32.const 2)))) (v128.load (local.get $gp)))))
                (local.set $gp (i32.add (local.get $gp) (local.get $ldb)))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $iLoop)))
            (v128.store (local.get $o) (local.get $s))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $jLoop)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rLoop))))

  ;; act(x) or act'(x) over n values ($n a multiple of 4), for the tests of the activations.
  (func (export "activate") (param $x i32) (param $n i32) (param $out i32) (param $kind i32) (param $derivative i32)
    (local $j i32) (local $v v128)
    (block $done
      (loop $jLoop
        (br_if $done (i32.ge_u (local.get $j) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $v (v128.load (i32.add (local.get $x) (local.get $j))))
        (v128.store (i32.add (local.get $out) (local.get $j))
          (if (result v128) (local.get $derivative)
            (then (call $dact (local.get $v) (local.get $kind)))
            (else (call $act (local.get $v) (local.get $kind)))))
        (local.set $j (i32.add (local.get $j) (i32.const 16)))
        (br $jLoop)))))
