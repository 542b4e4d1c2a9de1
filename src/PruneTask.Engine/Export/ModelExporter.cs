using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using static TorchSharp.torch;

namespace PruneTask.Engine.Export;

/// <summary>
/// Writes the pruned model as a Hugging Face folder: one model.safetensors with the checkpoint's tensor names,
/// shapes and order; pruned weights converted back to the stored orientation and dtype (or the recipe's dtype),
/// every other tensor copied byte for byte; config, tokenizer and other small files copied as they are. An
/// <see cref="ExportLayout"/> (shrunk, factored) replaces the tensors it names and writes its own files.
/// </summary>
public static class ModelExporter
{
    public const string WeightsFileName = "model.safetensors";

    public static IReadOnlyList<string> Write(string folder, string modelDirectory, PrunableModel model, OutputDtype dtype, ExportLayout? layout = null)
    {
        var pruned = model.Linears.Where(l => l.HasOverride).ToDictionary(l => l.Spec.WeightName, StringComparer.Ordinal);
        var entries = model.Weights.Names
            .SelectMany(name => layout?.Replace(name, Convert(model.Weights.Info(name).Dtype, dtype)) ?? [Entry(model.Weights, name, pruned.GetValueOrDefault(name), dtype)])
            .ToList();
        SafetensorsWriter.Write(Path.Combine(folder, WeightsFileName), entries, new Dictionary<string, string> { ["format"] = "pt" });
        var written = new List<string> { WeightsFileName };
        var files = layout?.Files(modelDirectory) ?? new Dictionary<string, string>();
        foreach (var file in Directory.EnumerateFiles(modelDirectory).Where(IsCopied).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (!files.ContainsKey(name))
            {
                File.Copy(file, Path.Combine(folder, name));
                written.Add(name);
            }
        }

        foreach (var (name, text) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            File.WriteAllText(Path.Combine(folder, name), text);
            written.Add(name);
        }

        return written.Order(StringComparer.Ordinal).ToList();
    }

    private static bool IsCopied(string path)
    {
        var name = Path.GetFileName(path);
        return !name.EndsWith(".safetensors", StringComparison.Ordinal)
            && name != ModelWeights.IndexFileName
            && name != FactoredFormat.FileName
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
