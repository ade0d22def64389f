using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Doppel.Neural;

/// <summary>
/// Sums over a batch's rows, column by column: a bias's gradient, batch norm's statistics. Each column's sum runs in
/// row order, exactly as adding the rows one after another would (the same bits), but a block of 32 columns is held
/// in registers down all the rows instead of being stored and reloaded after every row, and the blocks are shared
/// between threads by the kernels' <see cref="ITensorKernels.ForRows"/> (each block writes only its own columns).
/// </summary>
internal static class ColumnSums
{
    private const int Block = 32;

    /// <summary>sums[j] += Σᵣ x[r, j], in row order.</summary>
    public static void Add(Tensor x, float[] sums, ITensorKernels kernels)
    {
        Check(x, sums.Length);
        Split(x, kernels, (first, end) => AddRange(x, sums, first, end));
    }

    /// <summary>
    /// centered[r, j] = x[r, j] − mean[j] and squares[j] = Σᵣ centered[r, j]², in row order, each square rounded before
    /// it is added (batch norm's biased variance, times the rows).
    /// </summary>
    public static void CenterAndSquare(Tensor x, float[] mean, Tensor centered, float[] squares, ITensorKernels kernels)
    {
        Check(x, mean.Length);
        Check(centered, squares.Length);
        SameShape(x, centered);
        Split(x, kernels, (first, end) => CenterRange(x, mean, centered, squares, first, end));
    }

    /// <summary>sums[j] += Σᵣ dy[r, j] and products[j] += Σᵣ dy[r, j]·x[r, j], in row order, each product rounded before it is added (batch norm's backward pass).</summary>
    public static void AddWithProducts(Tensor dy, Tensor x, float[] sums, float[] products, ITensorKernels kernels)
    {
        Check(dy, sums.Length);
        Check(x, products.Length);
        SameShape(dy, x);
        Split(dy, kernels, (first, end) => ProductRange(dy, x, sums, products, first, end));
    }

    private static void Check(Tensor x, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Columns != length) throw new ArgumentException($"{x.Columns} columns need as many sums, not {length}.", nameof(x));
    }

    /// <summary>The loops index both tensors by the same offsets without bounds checks: refuse two shapes.</summary>
    private static void SameShape(Tensor a, Tensor b)
    {
        if (a.Rows != b.Rows || a.Columns != b.Columns) throw new ArgumentException($"Both tensors must have the same shape, not {a.Rows}×{a.Columns} and {b.Rows}×{b.Columns}.", nameof(b));
    }

    private static void Split(Tensor x, ITensorKernels kernels, Action<int, int> columns)
    {
        int blocks = (x.Columns + Block - 1) / Block;
        kernels.ForRows(blocks, x.Rows * Block, (start, count) => columns(start * Block, Math.Min(x.Columns, (start + count) * Block)));
    }

    private static void AddRange(Tensor x, float[] sums, int first, int end)
    {
        int columns = x.Columns;
        ref float data = ref MemoryMarshal.GetArrayDataReference(x.Data);
        ref float s = ref MemoryMarshal.GetArrayDataReference(sums);
        int j = first;
        for (; j + Block <= end; j += Block)
        {
            Lanes sum = Lanes.Load(ref s, j);
            for (int r = 0; r < x.Rows; r++) sum += Lanes.Load(ref data, r * columns + j);
            sum.Store(ref s, j);
        }
        for (; j < end; j++)
        {
            float sum = sums[j];
            for (int r = 0; r < x.Rows; r++) sum += Unsafe.Add(ref data, r * columns + j);
            sums[j] = sum;
        }
    }

    private static void CenterRange(Tensor x, float[] mean, Tensor centered, float[] squares, int first, int end)
    {
        int columns = x.Columns;
        ref float data = ref MemoryMarshal.GetArrayDataReference(x.Data);
        ref float output = ref MemoryMarshal.GetArrayDataReference(centered.Data);
        ref float s = ref MemoryMarshal.GetArrayDataReference(squares);
        int j = first;
        for (; j + Block <= end; j += Block)
        {
            Lanes center = Lanes.Load(ref MemoryMarshal.GetArrayDataReference(mean), j), sum = Lanes.Load(ref s, j);
            for (int r = 0; r < x.Rows; r++)
            {
                Lanes c = Lanes.Load(ref data, r * columns + j) - center;
                c.Store(ref output, r * columns + j);
                sum += c * c;
            }
            sum.Store(ref s, j);
        }
        for (; j < end; j++)
        {
            float sum = squares[j];
            for (int r = 0; r < x.Rows; r++)
            {
                float c = Unsafe.Add(ref output, r * columns + j) = Unsafe.Add(ref data, r * columns + j) - mean[j];
                sum += c * c;
            }
            squares[j] = sum;
        }
    }

    private static void ProductRange(Tensor dy, Tensor x, float[] sums, float[] products, int first, int end)
    {
        int columns = dy.Columns;
        ref float gradient = ref MemoryMarshal.GetArrayDataReference(dy.Data);
        ref float data = ref MemoryMarshal.GetArrayDataReference(x.Data);
        ref float s = ref MemoryMarshal.GetArrayDataReference(sums);
        ref float p = ref MemoryMarshal.GetArrayDataReference(products);
        int j = first;
        for (; j + Block <= end; j += Block)
        {
            Lanes sum = Lanes.Load(ref s, j), product = Lanes.Load(ref p, j);
            for (int r = 0; r < dy.Rows; r++)
            {
                Lanes g = Lanes.Load(ref gradient, r * columns + j);
                sum += g;
                product += g * Lanes.Load(ref data, r * columns + j);
            }
            sum.Store(ref s, j);
            product.Store(ref p, j);
        }
        for (; j < end; j++)
        {
            float sum = sums[j], product = products[j];
            for (int r = 0; r < dy.Rows; r++)
            {
                float g = Unsafe.Add(ref gradient, r * columns + j);
                sum += g;
                product += g * Unsafe.Add(ref data, r * columns + j);
            }
            sums[j] = sum;
            products[j] = product;
        }
    }

    /// <summary>A block of 32 consecutive floats in four registers; each operator rounds element by element, as the scalar loops do.</summary>
    private readonly struct Lanes(Vector256<float> a, Vector256<float> b, Vector256<float> c, Vector256<float> d)
    {
        private readonly Vector256<float> _a = a, _b = b, _c = c, _d = d;

        public static Lanes Load(ref float source, int at)
        {
            ref float start = ref Unsafe.Add(ref source, at);
            return new(Vector256.LoadUnsafe(ref start), Vector256.LoadUnsafe(ref start, 8), Vector256.LoadUnsafe(ref start, 16), Vector256.LoadUnsafe(ref start, 24));
        }

        public void Store(ref float target, int at)
        {
            ref float start = ref Unsafe.Add(ref target, at);
            _a.StoreUnsafe(ref start);
            _b.StoreUnsafe(ref start, 8);
            _c.StoreUnsafe(ref start, 16);
            _d.StoreUnsafe(ref start, 24);
        }

        public static Lanes operator +(Lanes x, Lanes y) => new(x._a + y._a, x._b + y._b, x._c + y._c, x._d + y._d);
        public static Lanes operator -(Lanes x, Lanes y) => new(x._a - y._a, x._b - y._b, x._c - y._c, x._d - y._d);
        public static Lanes operator *(Lanes x, Lanes y) => new(x._a * y._a, x._b * y._b, x._c * y._c, x._d * y._d);
    }
}
