;; The gradient-boosted trees' scoring kernel (src/trees/wasm-scorer.ts loads it; scripts/build-wasm.ts compiles it).
(module
  (memory (import "env" "memory") 1)
  ;; Adds every tree's leaf value to out[r], rows [0, rows) of `vals` (row-major f64, F a row). Trees one at
  ;; a time over blocks of 256 rows, 4 rows walking together (their loads overlap). A node is 16
  ;; bytes: threshold (f64; NaN for a leaf), word (i32: feature x 2, + 1 when missing values go right; a
  ;; leaf's has only the sign bit), left child (i32, right = left + 1; a leaf's is itself: it stays put
  ;; while the other rows finish). `leaves`: an f64 per node, a leaf's log-odds.
  (func (export "score") (param $rows i32) (param $F i32) (param $vals i32) (param $nodes i32) (param $leaves i32) (param $roots i32) (param $trees i32) (param $out i32)
    (local $start i32) (local $end i32) (local $t i32) (local $r i32) (local $root i32) (local $w0root i32) (local $q i32) (local $b0 i32) (local $p0 i32) (local $w0 i32) (local $v0 f64) (local $b1 i32) (local $p1 i32) (local $w1 i32) (local $v1 f64) (local $b2 i32) (local $p2 i32) (local $w2 i32) (local $v2 f64) (local $b3 i32) (local $p3 i32) (local $w3 i32) (local $v3 f64)
    (block $done (loop $blocks
      (br_if $done (i32.ge_u (local.get $start) (local.get $rows)))
      (local.set $end (i32.add (local.get $start) (i32.const 256)))
      (if (i32.gt_u (local.get $end) (local.get $rows)) (then (local.set $end (local.get $rows))))
      (local.set $t (i32.const 0))
      (block $tdone (loop $tl
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $trees)))
        (local.set $root (i32.add (local.get $nodes) (i32.shl (i32.load (i32.add (local.get $roots) (i32.shl (local.get $t) (i32.const 2)))) (i32.const 4))))
        (local.set $w0root (i32.load offset=8 (local.get $root)))
        (local.set $r (local.get $start))
        (block $rdone (loop $rl
          (br_if $rdone (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $end)))
          
          (local.set $b0 (i32.add (local.get $vals) (i32.shl (i32.mul (i32.add (local.get $r) (i32.const 0)) (local.get $F)) (i32.const 3))))
          (local.set $p0 (local.get $root)) (local.set $w0 (local.get $w0root))
          (local.set $b1 (i32.add (local.get $vals) (i32.shl (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $F)) (i32.const 3))))
          (local.set $p1 (local.get $root)) (local.set $w1 (local.get $w0root))
          (local.set $b2 (i32.add (local.get $vals) (i32.shl (i32.mul (i32.add (local.get $r) (i32.const 2)) (local.get $F)) (i32.const 3))))
          (local.set $p2 (local.get $root)) (local.set $w2 (local.get $w0root))
          (local.set $b3 (i32.add (local.get $vals) (i32.shl (i32.mul (i32.add (local.get $r) (i32.const 3)) (local.get $F)) (i32.const 3))))
          (local.set $p3 (local.get $root)) (local.set $w3 (local.get $w0root))
          (block $leaf (loop $walk
            (br_if $leaf (i32.lt_s (i32.and (i32.and (i32.and (local.get $w0) (local.get $w1)) (local.get $w2)) (local.get $w3)) (i32.const 0)))
            
            (local.set $v0 (f64.load (i32.add (local.get $b0) (i32.shl (i32.and (local.get $w0) (i32.const 0x7ffffffe)) (i32.const 2)))))
            (local.set $p0 (i32.add (local.get $nodes)
              (i32.shl
                (i32.add (i32.load offset=12 (local.get $p0))
                  (i32.or (f64.ge (local.get $v0) (f64.load (local.get $p0)))
                          (i32.and (f64.ne (local.get $v0) (local.get $v0)) (local.get $w0))))
                (i32.const 4))))
            (local.set $w0 (i32.load offset=8 (local.get $p0)))
            (local.set $v1 (f64.load (i32.add (local.get $b1) (i32.shl (i32.and (local.get $w1) (i32.const 0x7ffffffe)) (i32.const 2)))))
            (local.set $p1 (i32.add (local.get $nodes)
              (i32.shl
                (i32.add (i32.load offset=12 (local.get $p1))
                  (i32.or (f64.ge (local.get $v1) (f64.load (local.get $p1)))
                          (i32.and (f64.ne (local.get $v1) (local.get $v1)) (local.get $w1))))
                (i32.const 4))))
            (local.set $w1 (i32.load offset=8 (local.get $p1)))
            (local.set $v2 (f64.load (i32.add (local.get $b2) (i32.shl (i32.and (local.get $w2) (i32.const 0x7ffffffe)) (i32.const 2)))))
            (local.set $p2 (i32.add (local.get $nodes)
              (i32.shl
                (i32.add (i32.load offset=12 (local.get $p2))
                  (i32.or (f64.ge (local.get $v2) (f64.load (local.get $p2)))
                          (i32.and (f64.ne (local.get $v2) (local.get $v2)) (local.get $w2))))
                (i32.const 4))))
            (local.set $w2 (i32.load offset=8 (local.get $p2)))
            (local.set $v3 (f64.load (i32.add (local.get $b3) (i32.shl (i32.and (local.get $w3) (i32.const 0x7ffffffe)) (i32.const 2)))))
            (local.set $p3 (i32.add (local.get $nodes)
              (i32.shl
                (i32.add (i32.load offset=12 (local.get $p3))
                  (i32.or (f64.ge (local.get $v3) (f64.load (local.get $p3)))
                          (i32.and (f64.ne (local.get $v3) (local.get $v3)) (local.get $w3))))
                (i32.const 4))))
            (local.set $w3 (i32.load offset=8 (local.get $p3)))
            (br $walk)))
          
          (local.set $q (i32.add (local.get $out) (i32.shl (i32.add (local.get $r) (i32.const 0)) (i32.const 3))))
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.load (i32.add (local.get $leaves) (i32.shr_u (i32.sub (local.get $p0) (local.get $nodes)) (i32.const 1))))))
          (local.set $q (i32.add (local.get $out) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 3))))
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.load (i32.add (local.get $leaves) (i32.shr_u (i32.sub (local.get $p1) (local.get $nodes)) (i32.const 1))))))
          (local.set $q (i32.add (local.get $out) (i32.shl (i32.add (local.get $r) (i32.const 2)) (i32.const 3))))
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.load (i32.add (local.get $leaves) (i32.shr_u (i32.sub (local.get $p2) (local.get $nodes)) (i32.const 1))))))
          (local.set $q (i32.add (local.get $out) (i32.shl (i32.add (local.get $r) (i32.const 3)) (i32.const 3))))
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.load (i32.add (local.get $leaves) (i32.shr_u (i32.sub (local.get $p3) (local.get $nodes)) (i32.const 1))))))
          (local.set $r (i32.add (local.get $r) (i32.const 4)))
          (br $rl)))
        ;; the block's last rows, one at a time
        (block $rdone1 (loop $rl1
          (br_if $rdone1 (i32.ge_u (local.get $r) (local.get $end)))
          (local.set $b0 (i32.add (local.get $vals) (i32.shl (i32.mul (local.get $r) (local.get $F)) (i32.const 3))))
          (local.set $p0 (local.get $root)) (local.set $w0 (local.get $w0root))
          (block $leaf1 (loop $walk1
            (br_if $leaf1 (i32.lt_s (local.get $w0) (i32.const 0)))
            
            (local.set $v0 (f64.load (i32.add (local.get $b0) (i32.shl (i32.and (local.get $w0) (i32.const 0x7ffffffe)) (i32.const 2)))))
            (local.set $p0 (i32.add (local.get $nodes)
              (i32.shl
                (i32.add (i32.load offset=12 (local.get $p0))
                  (i32.or (f64.ge (local.get $v0) (f64.load (local.get $p0)))
                          (i32.and (f64.ne (local.get $v0) (local.get $v0)) (local.get $w0))))
                (i32.const 4))))
            (local.set $w0 (i32.load offset=8 (local.get $p0)))
            (br $walk1)))
          (local.set $q (i32.add (local.get $out) (i32.shl (local.get $r) (i32.const 3))))
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q)) (f64.load (i32.add (local.get $leaves) (i32.shr_u (i32.sub (local.get $p0) (local.get $nodes)) (i32.const 1))))))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $rl1)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $tl)))
      (local.set $start (local.get $end))
      (br $blocks)))))
