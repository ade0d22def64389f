using System.Text.Json;
using Doppel.Models;

namespace Doppel.Synthesizers;

/// <summary>One epoch's mean training loss: the generator's and the critic's for CTGAN, the single loss for TVAE.</summary>
public sealed record EpochLoss(int Epoch, double Loss, double? CriticLoss = null);

/// <summary>A model trained in epochs that keeps its loss curve (what SDV's <c>get_loss_values</c> returns), saved with the model.</summary>
public interface ITrainingHistory
{
    /// <summary>The epochs' losses in order; empty for a model saved before losses were kept.</summary>
    IReadOnlyList<EpochLoss> Losses { get; }
}

/// <summary>The <c>"losses"</c> array of a deep model's parameters: <c>[{ "epoch": 1, "loss": l, "criticLoss"?: c }, ...]</c>.</summary>
internal static class TrainingLossesJson
{
    public static void Write(Utf8JsonWriter writer, IReadOnlyList<EpochLoss> losses)
    {
        writer.WriteStartArray("losses");
        foreach (EpochLoss loss in losses)
        {
            writer.WriteStartObject();
            writer.WriteNumber("epoch", loss.Epoch);
            writer.WriteNumber("loss", loss.Loss);
            if (loss.CriticLoss is double critic) writer.WriteNumber("criticLoss", critic);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    /// <summary>The losses of <paramref name="parameters"/>, or none when the model was saved without them.</summary>
    public static IReadOnlyList<EpochLoss> Read(JsonElement parameters)
    {
        if (!ModelJson.Has(parameters, "losses")) return [];
        var losses = new List<EpochLoss>();
        foreach (JsonElement item in ModelJson.Array(parameters, "losses"))
        {
            double loss = ModelJson.Double(item, "loss");
            double? critic = ModelJson.Has(item, "criticLoss") ? ModelJson.Double(item, "criticLoss") : null;
            int epoch = ModelJson.Int(item, "epoch");
            if (epoch < 1 || !double.IsFinite(loss) || critic is double c && !double.IsFinite(c))
                throw new ModelFormatException("A training loss entry has an epoch below 1 or a loss that is not a finite number.");
            losses.Add(new EpochLoss(epoch, loss, critic));
        }
        return losses;
    }
}
