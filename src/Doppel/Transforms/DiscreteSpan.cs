namespace Doppel.Transforms;

/// <summary>A categorical column's one-hot group in an encoded row: its column index, first encoded column, width and rows per slot.</summary>
public sealed record DiscreteSpan(int Column, int Start, int Width, long[] SlotCounts);
