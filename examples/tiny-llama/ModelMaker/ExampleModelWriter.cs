using System.Text.Json;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Examples.ModelMaker;

/// <summary>Saves the trained model as a Hugging Face folder: config.json and model.safetensors.</summary>
public static class ExampleModelWriter
{
    public static void Write(string directory, TinyLlamaConfig config, TrainableLlama model)
    {
        var json = config.ToHuggingFace().ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        File.WriteAllText(Path.Combine(directory, "config.json"), json + "\n");
        using var scope = torch.NewDisposeScope();
        var tensors = model.HuggingFaceTensors()
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => KeyValuePair.Create(t.Name, t.Tensor.detach().contiguous()))
            .ToList();
        SafetensorsWriter.Write(Path.Combine(directory, "model.safetensors"), tensors, new Dictionary<string, string> { ["format"] = "pt" });
    }
}
