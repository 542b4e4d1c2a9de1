using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using static TorchSharp.torch;

namespace PruneTask.Engine.Export;

/// <summary>
/// Writes the pruned model as a Hugging Face folder: one model.safetensors with the checkpoint's tensor names,
/// shapes and order; pruned weights converted back to the stored orientation and dtype (or the recipe's dtype),
/// every other tensor copied byte for byte; config, tokenizer and other small files copied as they are.
/// </summary>
public static class ModelExporter
{
    public const string WeightsFileName = "model.safetensors";

    public static IReadOnlyList<string> Write(string folder, string modelDirectory, PrunableModel model, OutputDtype dtype)
    {
        var pruned = model.Linears.Where(l => l.HasOverride).ToDictionary(l => l.Spec.WeightName, StringComparer.Ordinal);
        var entries = model.Weights.Names.Select(name => Entry(model.Weights, name, pruned.GetValueOrDefault(name), dtype)).ToList();
        SafetensorsWriter.Write(Path.Combine(folder, WeightsFileName), entries, new Dictionary<string, string> { ["format"] = "pt" });
        var written = new List<string> { WeightsFileName };
        foreach (var file in Directory.EnumerateFiles(modelDirectory).Where(IsCopied).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            File.Copy(file, Path.Combine(folder, name));
            written.Add(name);
        }

        return written;
    }

    private static bool IsCopied(string path)
    {
        var name = Path.GetFileName(path);
        return !name.EndsWith(".safetensors", StringComparison.Ordinal)
            && name != ModelWeights.IndexFileName
            && !name.StartsWith('.');
    }

    private static SafetensorsEntry Entry(ITensorSource source, string name, LinearLayer? pruned, OutputDtype dtype)
    {
        var info = source.Info(name);
        var target = Convert(info.Dtype, dtype);
        if (pruned is not null)
        {
            return SafetensorsEntry.Deferred(name, target, info.Shape, () => pruned.ToStoredWeight().to(target.ToScalarType()));
        }

        return target == info.Dtype
            ? SafetensorsEntry.CopyOf(source, name)
            : SafetensorsEntry.Deferred(name, target, info.Shape, () => source.Load(name).to(target.ToScalarType()));
    }

    private static TensorDtype Convert(TensorDtype stored, OutputDtype dtype)
    {
        var isFloat = stored is TensorDtype.F16 or TensorDtype.BF16 or TensorDtype.F32 or TensorDtype.F64;
        return !isFloat ? stored : dtype switch
        {
            OutputDtype.Float32 => TensorDtype.F32,
            OutputDtype.Float16 => TensorDtype.F16,
            OutputDtype.BFloat16 => TensorDtype.BF16,
            _ => stored,
        };
    }
}
