namespace Doppel.Synthesizers;

/// <summary>Progress of a fit: a stage name and the fraction of the fit done, in [0, 1].</summary>
public readonly record struct FitProgress(string Stage, double Fraction);

/// <summary>Progress of sampling: rows written so far out of the rows requested.</summary>
public readonly record struct SampleProgress(long RowsWritten, long RowsTotal);
