;; Host passes over the tfjs WASM backend's heap, in 128-bit WebAssembly SIMD (four float32 lanes).
;; The module imports the backend's own memory, so it reads and writes tensors where they are: every pointer is a byte
;; offset into that heap. `scripts/build-heap-simd.mjs` assembles this file (with wabt) into `heapSimdModule.ts`, once
;; with the memory as declared here and once as a shared memory (the threaded backend's).

(module
  (import "env" "memory" (memory 1))

;; Adam for n float32 values, in float32 arithmetic and in tfjs's order of operations (its AdamOptimizer's kernels):
  ;;   m1 = m·β₁ + g·k₁;  v1 = v·β₂ + (g·g)·k₂;  w1 = (m1/c₁) / (√(v1/c₂) + ε) · (−lr) + w
  ;; with k = 1 − β (rounded from double, as tfjs's scalar is) and c = 1 − βᵗ from the caller. Outputs never alias inputs.
  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32)
    (param $w1 i32) (param $m1 i32) (param $v1 i32) (param $n i32)
    (param $lr f32) (param $c1 f32) (param $c2 f32) (param $beta1 f32) (param $beta2 f32)
    (param $keep1 f32) (param $keep2 f32) (param $epsilon f32)
    (local $i i32) (local $bytes i32) (local $simdBytes i32) (local $minusLr f32)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local $vMinusLr v128) (local $vC1 v128) (local $vC2 v128) (local $vBeta1 v128) (local $vBeta2 v128) (local $vEps v128)
    (local $vKeep1 v128) (local $vKeep2 v128)
    (local $gk v128) (local $mk v128) (local $vk v128)
    (local.set $minusLr (f32.neg (local.get $lr)))
    (local.set $vMinusLr (f32x4.splat (local.get $minusLr)))
    (local.set $vC1 (f32x4.splat (local.get $c1)))
    (local.set $vC2 (f32x4.splat (local.get $c2)))
    (local.set $vBeta1 (f32x4.splat (local.get $beta1)))
    (local.set $vBeta2 (f32x4.splat (local.get $beta2)))
    (local.set $vEps (f32x4.splat (local.get $epsilon)))
    (local.set $vKeep1 (f32x4.splat (local.get $keep1)))
    (local.set $vKeep2 (f32x4.splat (local.get $keep2)))
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $simdBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $i (i32.const 0))
    (block $simdDone
      (loop $simd
        (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
        (local.set $gk (v128.load align=4 (i32.add (local.get $g) (local.get $i))))
        (local.set $mk
          (f32x4.add
            (f32x4.mul (v128.load align=4 (i32.add (local.get $m) (local.get $i))) (local.get $vBeta1))
            (f32x4.mul (local.get $gk) (local.get $vKeep1))))
        (local.set $vk
          (f32x4.add
            (f32x4.mul (v128.load align=4 (i32.add (local.get $v) (local.get $i))) (local.get $vBeta2))
            (f32x4.mul (f32x4.mul (local.get $gk) (local.get $gk)) (local.get $vKeep2))))
        (v128.store align=4 (i32.add (local.get $m1) (local.get $i)) (local.get $mk))
        (v128.store align=4 (i32.add (local.get $v1) (local.get $i)) (local.get $vk))
        (v128.store align=4 (i32.add (local.get $w1) (local.get $i))
          (f32x4.add
            (f32x4.mul
              (f32x4.div
                (f32x4.div (local.get $mk) (local.get $vC1))
                (f32x4.add (f32x4.sqrt (f32x4.div (local.get $vk) (local.get $vC2))) (local.get $vEps)))
              (local.get $vMinusLr))
            (v128.load align=4 (i32.add (local.get $w) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    ;; The last n mod 4 values, one at a time (the same operations).
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $bytes)))
        (local.set $gs (f32.load (i32.add (local.get $g) (local.get $i))))
        (local.set $ms
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $m) (local.get $i))) (local.get $beta1))
            (f32.mul (local.get $gs) (local.get $keep1))))
        (local.set $vs
          (f32.add
            (f32.mul (f32.load (i32.add (local.get $v) (local.get $i))) (local.get $beta2))
            (f32.mul (f32.mul (local.get $gs) (local.get $gs)) (local.get $keep2))))
        (f32.store (i32.add (local.get $m1) (local.get $i)) (local.get $ms))
        (f32.store (i32.add (local.get $v1) (local.get $i)) (local.get $vs))
        (f32.store (i32.add (local.get $w1) (local.get $i))
          (f32.add
            (f32.mul
              (f32.div
                (f32.div (local.get $ms) (local.get $c1))
                (f32.add (f32.sqrt (f32.div (local.get $vs) (local.get $c2))) (local.get $epsilon)))
              (local.get $minusLr))
            (f32.load (i32.add (local.get $w) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

    ;; The gradient through relu for n values: out = g where y > 0, else 0 (y is relu's output).
  (func (export "reluGrad") (param $g i32) (param $y i32) (param $out i32) (param $n i32)
    (local $i i32) (local $bytes i32) (local $simdBytes i32)
    (local.set $bytes (i32.shl (local.get $n) (i32.const 2)))
    (local.set $simdBytes (i32.and (local.get $bytes) (i32.const -16)))
    (local.set $i (i32.const 0))
    (block $simdDone
      (loop $simd
        (br_if $simdDone (i32.ge_u (local.get $i) (local.get $simdBytes)))
        (v128.store align=4 (i32.add (local.get $out) (local.get $i))
          (v128.and
            (v128.load align=4 (i32.add (local.get $g) (local.get $i)))
            (f32x4.gt (v128.load align=4 (i32.add (local.get $y) (local.get $i))) (f32x4.splat (f32.const 0)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $simd)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $bytes)))
        (f32.store (i32.add (local.get $out) (local.get $i))
          (select
            (f32.load (i32.add (local.get $g) (local.get $i)))
            (f32.const 0)
            (f32.gt (f32.load (i32.add (local.get $y) (local.get $i))) (f32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $tail))))

  ;; Copies rows of a matrix: row idx[k] of $src (each $rowBytes long) to row k of $dst, for the $count int32 row
  ;; numbers at $idx (a batch gathered from the whole training set). Each row is one bulk `memory.copy`. The caller checks
  ;; the row numbers.
  (func (export "gatherRows") (param $src i32) (param $idx i32) (param $count i32) (param $rowBytes i32) (param $dst i32)
    (local $k i32)
    (local.set $k (i32.const 0))
    (block $done
      (loop $rows
        (br_if $done (i32.ge_u (local.get $k) (local.get $count)))
        (memory.copy
          (i32.add (local.get $dst) (i32.mul (local.get $k) (local.get $rowBytes)))
          (i32.add (local.get $src)
            (i32.mul (i32.load (i32.add (local.get $idx) (i32.shl (local.get $k) (i32.const 2)))) (local.get $rowBytes)))
          (local.get $rowBytes))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $rows))))

  ;; Writes the transpose of the row-major rows × cols float32 matrix at $src into $dst (cols × rows; no overlap).
  ;; Blocks of 4 × 4 are loaded as four rows, transposed in registers with shuffles and stored as four columns; the edges
  ;; (rows or columns beyond a multiple of 4) are copied one value at a time. The blocks are visited down the columns of
  ;; a wide matrix (a batch: its rows stay in the L1 cache while each output column is written in order; 5× faster than
  ;; along the rows for 128 × 784) and along the rows of a tall one (a weight matrix: its source is read in order).
  (func (export "transpose") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (local $i i32) (local $j i32) (local $rows4 i32) (local $cols4 i32) (local $byRows i32)
    (local $outer i32) (local $inner i32) (local $outerEnd i32) (local $innerEnd i32)
    (local $rowBytes i32) (local $colBytes i32) (local $from i32) (local $to i32)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rows4 (i32.and (local.get $rows) (i32.const -4)))
    (local.set $cols4 (i32.and (local.get $cols) (i32.const -4)))
    (local.set $rowBytes (i32.shl (local.get $cols) (i32.const 2)))
    (local.set $colBytes (i32.shl (local.get $rows) (i32.const 2)))
    ;; Tall matrices go along the rows (outer loop over i), wide ones down the columns (outer loop over j).
    (local.set $byRows (i32.gt_u (local.get $rows) (local.get $cols)))
    (local.set $outerEnd (select (local.get $rows4) (local.get $cols4) (local.get $byRows)))
    (local.set $innerEnd (select (local.get $cols4) (local.get $rows4) (local.get $byRows)))
    (local.set $outer (i32.const 0))
    (block $outerDone
      (loop $outerLoop
        (br_if $outerDone (i32.ge_u (local.get $outer) (local.get $outerEnd)))
        (local.set $inner (i32.const 0))
        (block $innerDone
          (loop $innerLoop
            (br_if $innerDone (i32.ge_u (local.get $inner) (local.get $innerEnd)))
            (local.set $i (select (local.get $outer) (local.get $inner) (local.get $byRows)))
            (local.set $j (select (local.get $inner) (local.get $outer) (local.get $byRows)))
            ;; from = src + (i·cols + j)·4; to = dst + (j·rows + i)·4
            (local.set $from
              (i32.add (local.get $src)
                (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2))))
            (local.set $to
              (i32.add (local.get $dst)
                (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2))))
            (local.set $r0 (v128.load align=4 (local.get $from)))
            (local.set $r1 (v128.load align=4 (i32.add (local.get $from) (local.get $rowBytes))))
            (local.set $r2 (v128.load align=4 (i32.add (local.get $from) (i32.shl (local.get $rowBytes) (i32.const 1)))))
            (local.set $r3 (v128.load align=4 (i32.add (local.get $from) (i32.mul (local.get $rowBytes) (i32.const 3)))))
            ;; t0 = a0 b0 a1 b1, t1 = c0 d0 c1 d1, t2 = a2 b2 a3 b3, t3 = c2 d2 c3 d3
            (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r0) (local.get $r1)))
            (local.set $t1 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $r2) (local.get $r3)))
            (local.set $t2 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r0) (local.get $r1)))
            (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $r2) (local.get $r3)))
            ;; Columns j … j+3 of rows i … i+3: a0 b0 c0 d0, a1 b1 c1 d1, a2 b2 c2 d2, a3 b3 c3 d3
            (v128.store align=4 (local.get $to)
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1)))
            (v128.store align=4 (i32.add (local.get $to) (local.get $colBytes))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
            (v128.store align=4 (i32.add (local.get $to) (i32.shl (local.get $colBytes) (i32.const 1)))
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t2) (local.get $t3)))
            (v128.store align=4 (i32.add (local.get $to) (i32.mul (local.get $colBytes) (i32.const 3)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t2) (local.get $t3)))
            (local.set $inner (i32.add (local.get $inner) (i32.const 4)))
            (br $innerLoop)))
        (local.set $outer (i32.add (local.get $outer) (i32.const 4)))
        (br $outerLoop)))
    ;; Columns past the last multiple of 4, for the block rows.
    (call $copyRange (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols)
      (i32.const 0) (local.get $rows4) (local.get $cols4) (local.get $cols))
    ;; Rows past the last multiple of 4, every column.
    (call $copyRange (local.get $src) (local.get $dst) (local.get $rows) (local.get $cols)
      (local.get $rows4) (local.get $rows) (i32.const 0) (local.get $cols)))

  ;; dst[j·rows + i] = src[i·cols + j] for rows [i0, i1) and columns [j0, j1), one value at a time.
  (func $copyRange (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32)
    (param $i0 i32) (param $i1 i32) (param $j0 i32) (param $j1 i32)
    (local $i i32) (local $j i32)
    (local.set $i (local.get $i0))
    (block $rowsDone
      (loop $rowLoop
        (br_if $rowsDone (i32.ge_u (local.get $i) (local.get $i1)))
        (local.set $j (local.get $j0))
        (block $colsDone
          (loop $colLoop
            (br_if $colsDone (i32.ge_u (local.get $j) (local.get $j1)))
            (f32.store
              (i32.add (local.get $dst)
                (i32.shl (i32.add (i32.mul (local.get $j) (local.get $rows)) (local.get $i)) (i32.const 2)))
              (f32.load
                (i32.add (local.get $src)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $cols)) (local.get $j)) (i32.const 2)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $colLoop)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rowLoop)))))
