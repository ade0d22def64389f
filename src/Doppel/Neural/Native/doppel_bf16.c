/*
 * Matrix multiply C = alpha * op(A) * op(B) + beta * C on row-major float32 arrays, with bfloat16 products summed in
 * float32 (AVX-512 BF16's VDPBF16PS). It is Doppel's optional mixed-precision kernel: the managed float32 kernel
 * stays the default and the reference. On a CPU with AVX-512 BF16 the dot-product instruction does twice the
 * multiply-adds of a float32 FMA per cycle; the price is that each factor keeps 8 bits of mantissa, as PyTorch's
 * bfloat16 autocast does.
 *
 * Single-threaded; the caller splits C among its threads. Each element of C is summed in the same order (blocks of
 * 256 along the depth, pairs within a block) whatever part of C a call computes, so splitting C does not change bits.
 *
 * Layout: op(B) is packed per block of depth into panels of 32 columns, each depth pair stored as 32 (even, odd)
 * bfloat16 pairs; op(A) is packed as bfloat16 pairs per row (A row-major) or per depth pair (A transposed). Factors
 * are rounded to the nearest bfloat16, ties to even (VCVTNE2PS2BF16). Partial panels are zero-padded. The dot-product
 * instruction treats subnormal factors and results as zero (below 1.2e-38; nothing a network's activations reach).
 *
 * Build: cc -O2 -mavx512f -mavx512bw -mavx512vl -mavx512bf16 -fPIC -shared doppel_bf16.c -o libdoppel_bf16.so
 */
#include <immintrin.h>
#include <stdint.h>
#include <stdlib.h>

#define ROWS 6      /* rows of a register tile */
#define COLS 32     /* columns of a register tile: two 512-bit registers of 16 float32 */
#define DEPTH 256   /* depth of a block: 128 pairs */
#define ROW_BLOCK 96
#define COLUMN_BLOCK 1024

static __thread uint32_t *t_packed_a, *t_packed_b;
static __thread size_t t_packed_a_size, t_packed_b_size;

/* A buffer of at least `count` 32-bit words, 64-byte aligned, kept per thread; NULL when memory runs out. */
static uint32_t *grow(uint32_t **buffer, size_t *size, size_t count)
{
    if (*size >= count) return *buffer;
    free(*buffer);
    size_t bytes = (count * sizeof(uint32_t) + 63) / 64 * 64;
    *buffer = aligned_alloc(64, bytes);
    *size = *buffer ? count : 0;
    return *buffer;
}

/* Lane l of the result holds bf16(low[l]) in its low half and bf16(high[l]) in its high half. */
static inline __m512i interleave_pairs(__m512 low, __m512 high)
{
    const __m512i order = _mm512_set_epi16(31, 15, 30, 14, 29, 13, 28, 12, 27, 11, 26, 10, 25, 9, 24, 8,
                                           23, 7, 22, 6, 21, 5, 20, 4, 19, 3, 18, 2, 17, 1, 16, 0);
    __m512i halves = (__m512i)_mm512_cvtne2ps_pbh(high, low); /* bf16(low) in elements 0-15, bf16(high) in 16-31 */
    return _mm512_permutexvar_epi16(order, halves);
}

static inline __mmask16 lanes(int count)
{
    return count >= 16 ? (__mmask16)0xFFFF : count <= 0 ? (__mmask16)0 : (__mmask16)((1u << count) - 1);
}

/* Transposes 16 x 16 words in registers: afterwards rows[c] holds what column c held. */
static inline void transpose16(__m512i rows[16])
{
    __m512i t[16], u[16];
    for (int i = 0; i < 8; i++)
    {
        t[2 * i] = _mm512_unpacklo_epi32(rows[2 * i], rows[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_epi32(rows[2 * i], rows[2 * i + 1]);
    }
    for (int i = 0; i < 4; i++)
    {
        u[4 * i] = _mm512_unpacklo_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 1] = _mm512_unpackhi_epi64(t[4 * i], t[4 * i + 2]);
        u[4 * i + 2] = _mm512_unpacklo_epi64(t[4 * i + 1], t[4 * i + 3]);
        u[4 * i + 3] = _mm512_unpackhi_epi64(t[4 * i + 1], t[4 * i + 3]);
    }
    for (int i = 0; i < 4; i++)
    {
        t[i] = _mm512_shuffle_i32x4(u[i], u[4 + i], 0x88);
        t[4 + i] = _mm512_shuffle_i32x4(u[i], u[4 + i], 0xdd);
        t[8 + i] = _mm512_shuffle_i32x4(u[8 + i], u[12 + i], 0x88);
        t[12 + i] = _mm512_shuffle_i32x4(u[8 + i], u[12 + i], 0xdd);
    }
    for (int i = 0; i < 4; i++)
    {
        rows[i] = _mm512_shuffle_i32x4(t[i], t[8 + i], 0x88);
        rows[8 + i] = _mm512_shuffle_i32x4(t[i], t[8 + i], 0xdd);
        rows[4 + i] = _mm512_shuffle_i32x4(t[4 + i], t[12 + i], 0x88);
        rows[12 + i] = _mm512_shuffle_i32x4(t[4 + i], t[12 + i], 0xdd);
    }
}

/*
 * Depth [p0, p0+kc) x columns [j0, j0+nc) of op(B) into panels of COLS columns, each pair of depths 2 x 16 words.
 * B row-major: two rows of 16 columns interleave into one register. B transposed: each stored row is a column of
 * op(B) with its depths side by side, so 32 depths of 16 columns become 16 registers of pairs, transposed in registers.
 */
static void pack_b(const float *b, long ldb, int transposed, int p0, int kc, int j0, int nc, uint32_t *packed)
{
    int pairs = (kc + 1) / 2, end = p0 + kc;
    for (int jr = 0; jr < nc; jr += COLS)
    {
        uint32_t *panel = packed + (long)jr * pairs;
        for (int half = 0; half < 2; half++)
        {
            int column = j0 + jr + 16 * half, count = nc - jr - 16 * half;
            if (!transposed)
            {
                __mmask16 mask = lanes(count);
                for (int q = 0; q < pairs; q++)
                {
                    int p = p0 + 2 * q;
                    __m512 low = count > 0 ? _mm512_maskz_loadu_ps(mask, b + (long)p * ldb + column) : _mm512_setzero_ps();
                    __m512 high = count > 0 && p + 1 < end ? _mm512_maskz_loadu_ps(mask, b + (long)(p + 1) * ldb + column) : _mm512_setzero_ps();
                    _mm512_store_si512(panel + q * COLS + 16 * half, interleave_pairs(low, high));
                }
                continue;
            }
            for (int q0 = 0; q0 < pairs; q0 += 16)
            {
                __m512i words[16];
                int depth = kc - 2 * q0;
                for (int r = 0; r < 16; r++)
                {
                    if (r >= count) { words[r] = _mm512_setzero_si512(); continue; }
                    const float *source = b + (long)(column + r) * ldb + p0 + 2 * q0;
                    __m512 first = _mm512_maskz_loadu_ps(lanes(depth), source);
                    __m512 second = _mm512_maskz_loadu_ps(lanes(depth - 16), source + 16);
                    words[r] = (__m512i)_mm512_cvtne2ps_pbh(second, first); /* consecutive depths: pairs as words */
                }
                transpose16(words);
                for (int i = 0; i < 16 && q0 + i < pairs; i++) _mm512_store_si512(panel + (q0 + i) * COLS + 16 * half, words[i]);
            }
        }
    }
}

/*
 * Rows [i0, i0+mc) x depth [p0, p0+kc) of op(A) as bfloat16 pairs. A row-major: row r's pairs are contiguous
 * (row stride = pairs, pair stride = 1). A transposed: each depth pair holds the block's rows side by side
 * (row stride = 1, pair stride = padded rows). Rows past mc, up to a whole tile, are zeros.
 */
static void pack_a(const float *a, long lda, int transposed, int i0, int mc, int p0, int kc, uint32_t *packed,
                   long *row_stride, long *pair_stride)
{
    int pairs = (kc + 1) / 2, padded = (mc + ROWS - 1) / ROWS * ROWS;
    if (!transposed)
    {
        *row_stride = pairs, *pair_stride = 1;
        for (int r = 0; r < padded; r++)
        {
            uint32_t *row = packed + (long)r * pairs;
            if (r >= mc)
            {
                for (int q = 0; q < pairs; q++) row[q] = 0;
                continue;
            }
            const float *source = a + (long)(i0 + r) * lda + p0;
            for (int p = 0; p < kc; p += 32)
            {
                int count = kc - p;
                __m512 first = _mm512_maskz_loadu_ps(lanes(count), source + p);
                __m512 second = _mm512_maskz_loadu_ps(lanes(count - 16), source + p + 16);
                __m512i words = (__m512i)_mm512_cvtne2ps_pbh(second, first); /* consecutive depths: pairs as words */
                _mm512_mask_storeu_epi32(row + p / 2, lanes((count + 1) / 2), words);
            }
        }
        return;
    }
    *row_stride = 1, *pair_stride = padded;
    for (int q = 0; q < pairs; q++)
    {
        int p = p0 + 2 * q;
        const float *low = a + (long)p * lda + i0, *high = a + (long)(p + 1) * lda + i0;
        int has_high = p + 1 < p0 + kc;
        for (int r = 0; r < padded; r += 16)
        {
            __mmask16 mask = lanes(mc - r);
            __m512 l = mc > r ? _mm512_maskz_loadu_ps(mask, low + r) : _mm512_setzero_ps();
            __m512 h = mc > r && has_high ? _mm512_maskz_loadu_ps(mask, high + r) : _mm512_setzero_ps();
            _mm512_mask_storeu_epi32(packed + (long)q * padded + r, lanes(padded - r), interleave_pairs(l, h));
        }
    }
}

/* One ROWS x COLS tile over `pairs` depth pairs; writes rows < mr and columns < nr of C as alpha * sum + beta * C. */
static inline void tile(int pairs, const uint32_t *a, long row_stride, long pair_stride, const uint32_t *b,
                        float *c, long ldc, float alpha, float beta, int mr, int nr)
{
    __m512 sum[ROWS][2];
#pragma GCC unroll 6
    for (int r = 0; r < ROWS; r++) sum[r][0] = sum[r][1] = _mm512_setzero_ps();
    const uint32_t *row[ROWS];
#pragma GCC unroll 6
    for (int r = 0; r < ROWS; r++) row[r] = a + r * row_stride;
    /* C's rows are fetched while the sums run: with a shallow depth the tile is otherwise bound by their latency. */
    for (int r = 0; r < mr; r++)
    {
        _mm_prefetch((const char *)(c + r * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + r * ldc + 16), _MM_HINT_T0);
    }
    for (int q = 0; q < pairs; q++)
    {
        __m512bh left = (__m512bh)_mm512_load_si512(b + q * COLS), right = (__m512bh)_mm512_load_si512(b + q * COLS + 16);
        long at = q * pair_stride;
#pragma GCC unroll 6
        for (int r = 0; r < ROWS; r++)
        {
            __m512bh x = (__m512bh)_mm512_set1_epi32((int)row[r][at]);
            sum[r][0] = _mm512_dpbf16_ps(sum[r][0], x, left);
            sum[r][1] = _mm512_dpbf16_ps(sum[r][1], x, right);
        }
    }
    __m512 scale = _mm512_set1_ps(alpha), keep = _mm512_set1_ps(beta);
    __mmask16 first = lanes(nr), second = lanes(nr - 16);
#pragma GCC unroll 6
    for (int r = 0; r < ROWS; r++)
    {
        if (r >= mr) break;
        float *target = c + r * ldc;
        __m512 x = _mm512_mul_ps(sum[r][0], scale), y = _mm512_mul_ps(sum[r][1], scale);
        if (beta != 0)
        {
            x = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(first, target), keep, x);
            y = _mm512_fmadd_ps(_mm512_maskz_loadu_ps(second, target + 16), keep, y);
        }
        _mm512_mask_storeu_ps(target, first, x);
        _mm512_mask_storeu_ps(target + 16, second, y);
    }
}

/*
 * One block of depth [p0, p0+kc) of all m rows into nc columns of C: A packed per block of rows, B's panels of COLS
 * columns already packed, `stride` pairs apart (the block's pairs, or more for a block stored deeper than multiplied).
 */
static void multiply_block(const float *a, long lda, int transpose_a, int m, int p0, int kc, const uint32_t *panels,
                           int stride, int nc, float alpha, float beta, float *c, long ldc, uint32_t *packed_a)
{
    int pairs = (kc + 1) / 2;
    for (int i0 = 0; i0 < m; i0 += ROW_BLOCK)
    {
        int mc = m - i0 < ROW_BLOCK ? m - i0 : ROW_BLOCK;
        long row_stride, pair_stride;
        pack_a(a, lda, transpose_a, i0, mc, p0, kc, packed_a, &row_stride, &pair_stride);
        for (int jr = 0; jr < nc; jr += COLS)
            for (int ir = 0; ir < mc; ir += ROWS)
                tile(pairs, packed_a + ir * row_stride, row_stride, pair_stride, panels + (long)jr * stride,
                     c + (long)(i0 + ir) * ldc + jr, ldc, alpha, beta,
                     mc - ir < ROWS ? mc - ir : ROWS, nc - jr < COLS ? nc - jr : COLS);
    }
}

/*
 * C = alpha * op(A) * op(B) + beta * C; op(A) is m x k (A stored k x m when transposed), op(B) k x n (B stored n x k
 * when transposed); rows of A, B and C as stored start every lda, ldb and ldc values. beta = 0 never reads C.
 * Returns 0, or -1 when the packing buffers could not be allocated (C is then untouched).
 */
int doppel_bf16_gemm(int transpose_a, int transpose_b, int m, int n, int k, float alpha, const float *a, int lda,
                     const float *b, int ldb, float beta, float *c, int ldc)
{
    if (m <= 0 || n <= 0) return 0;
    /* Nothing to multiply (and nothing to pack: a zero-sized buffer would read as a failed allocation). */
    if (k == 0 || alpha == 0)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) c[(long)i * ldc + j] = beta == 0 ? 0 : beta * c[(long)i * ldc + j];
        return 0;
    }
    int block_columns = n < COLUMN_BLOCK ? n : COLUMN_BLOCK;
    int depth = k < DEPTH ? k : DEPTH;
    uint32_t *packed_b = grow(&t_packed_b, &t_packed_b_size, (size_t)((depth + 1) / 2) * ((block_columns + COLS - 1) / COLS * COLS));
    uint32_t *packed_a = grow(&t_packed_a, &t_packed_a_size, (size_t)((depth + 1) / 2 + 16) * (ROW_BLOCK + 16));
    if (!packed_a || !packed_b) return -1;
    for (int j0 = 0; j0 < n; j0 += COLUMN_BLOCK)
    {
        int nc = n - j0 < COLUMN_BLOCK ? n - j0 : COLUMN_BLOCK;
        for (int p0 = 0; p0 < k; p0 += DEPTH)
        {
            int kc = k - p0 < DEPTH ? k - p0 : DEPTH;
            pack_b(b, ldb, transpose_b, p0, kc, j0, nc, packed_b);
            multiply_block(a, lda, transpose_a, m, p0, kc, packed_b, (kc + 1) / 2, nc, alpha, p0 == 0 ? beta : 1.0f, c + j0, ldc, packed_a);
        }
    }
    return 0;
}

/*
 * Kept weights: a B operand that several multiplies share between two updates (a network's weight matrix) is packed
 * once, whole, and the multiplies read its panels instead of packing their own. The whole op(B) (k x n) is laid out
 * block of DEPTH by block, each block holding every panel of COLS columns with that block's pairs, so a multiply by
 * the first rows of the depth (k' <= k, even or all of it) or by a span of whole panels finds its panels in place,
 * summed in the same order as a multiply that packs: the bits are the same.
 */

/* Words of the whole packed op(B) of k x n. */
long doppel_bf16_packed_words(int k, int n)
{
    long pairs = 0;
    for (int p0 = 0; p0 < k; p0 += DEPTH) pairs += ((k - p0 < DEPTH ? k - p0 : DEPTH) + 1) / 2;
    return pairs * ((n + COLS - 1) / COLS) * COLS;
}

/* Packs panels [panel_first, panel_end) of op(B) (k x n; B stored n x k when transposed) into `packed` (64-byte aligned). */
void doppel_bf16_pack(int transpose_b, int k, int n, const float *b, int ldb, int panel_first, int panel_end, uint32_t *packed)
{
    int panels = (n + COLS - 1) / COLS;
    int j0 = panel_first * COLS, end = panel_end * COLS < n ? panel_end * COLS : n;
    long block = 0;
    for (int p0 = 0; p0 < k; p0 += DEPTH)
    {
        int kc = k - p0 < DEPTH ? k - p0 : DEPTH, pairs = (kc + 1) / 2;
        if (end > j0) pack_b(b, ldb, transpose_b, p0, kc, j0, end - j0, packed + block + (long)panel_first * pairs * COLS);
        block += (long)pairs * panels * COLS;
    }
}

/*
 * C = alpha * op(A) * op(B) + beta * C with op(B) the columns [column_first, column_first + n) (column_first a whole
 * number of panels) and the first k depths of a whole packed op(B) of packed_k x packed_n. Returns 0, -1 when the
 * packing buffer for A could not be allocated, -2 when the request does not fit the packed operand.
 */
int doppel_bf16_gemm_kept(int transpose_a, int m, int n, int k, float alpha, const float *a, int lda,
                          const uint32_t *packed, int packed_k, int packed_n, int column_first, float beta, float *c, int ldc)
{
    if (m <= 0 || n <= 0) return 0;
    if (k > packed_k || (k < packed_k && k % 2 != 0) || column_first % COLS != 0 || column_first + n > packed_n) return -2;
    if (k == 0 || alpha == 0)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++) c[(long)i * ldc + j] = beta == 0 ? 0 : beta * c[(long)i * ldc + j];
        return 0;
    }
    int depth = k < DEPTH ? k : DEPTH, panels = (packed_n + COLS - 1) / COLS;
    uint32_t *packed_a = grow(&t_packed_a, &t_packed_a_size, (size_t)((depth + 1) / 2 + 16) * (ROW_BLOCK + 16));
    if (!packed_a) return -1;
    for (int j0 = 0; j0 < n; j0 += COLUMN_BLOCK)
    {
        int nc = n - j0 < COLUMN_BLOCK ? n - j0 : COLUMN_BLOCK;
        long block = 0;
        for (int p0 = 0; p0 < k; p0 += DEPTH)
        {
            int kc = k - p0 < DEPTH ? k - p0 : DEPTH;
            /* The stored block may be deeper than the one multiplied (a shorter k): its panels are that far apart. */
            int stored = packed_k - p0 < DEPTH ? packed_k - p0 : DEPTH, stride = (stored + 1) / 2;
            multiply_block(a, lda, transpose_a, m, p0, kc, packed + block + (long)(column_first + j0) * stride, stride, nc,
                           alpha, p0 == 0 ? beta : 1.0f, c + j0, ldc, packed_a);
            block += (long)stride * panels * COLS;
        }
    }
    return 0;
}

/*
 * A weight matrix W (rows x columns) packed whole in both layouts, as stored (op(B) = W) and transposed (op(B) = W^T),
 * for its blocks of DEPTH rows [block_first, block_end): each block's rows are packed both ways one after the other,
 * so they are read from memory once and the second packing finds them in cache.
 */
void doppel_bf16_pack_both(int rows, int columns, const float *w, int ldw, int block_first, int block_end,
                           uint32_t *as_stored, uint32_t *transposed)
{
    int panels = (columns + COLS - 1) / COLS, row_panels = (rows + COLS - 1) / COLS;
    for (int d = block_first; d < block_end; d++)
    {
        int p0 = d * DEPTH, kc = rows - p0 < DEPTH ? rows - p0 : DEPTH;
        /* Every block before this one is DEPTH deep. */
        pack_b(w, ldw, 0, p0, kc, 0, columns, as_stored + (long)d * (DEPTH / 2) * panels * COLS);
        int first = d * (DEPTH / COLS), end = (d + 1) * (DEPTH / COLS) < row_panels ? (d + 1) * (DEPTH / COLS) : row_panels;
        doppel_bf16_pack(1, columns, rows, w, ldw, first, end, transposed);
    }
}
