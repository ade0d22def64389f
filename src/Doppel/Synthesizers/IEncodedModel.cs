using Doppel.Transforms;

namespace Doppel.Synthesizers;

/// <summary>A model whose network was trained on encoded rows (CTGAN, TVAE): its column encoders say what it learned of each column, e.g. which categories a private fit kept.</summary>
public interface IEncodedModel
{
    /// <summary>The column encoders the network was trained on.</summary>
    TabularEncoder Encoder { get; }
}
