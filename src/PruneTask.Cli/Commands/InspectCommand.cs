using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PruneTask.Engine.Models;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune inspect MODEL_DIR [--json]</c>: the architecture, parameter count, stored dtypes and every
/// prunable linear with its shape, read from config.json and tensor headers only (no weight is loaded).
/// A model that cannot be read gives one error line (PRN101) and exit code 2, as every failure does (CommandFailure).
/// </summary>
public static class InspectCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static Command Create()
    {
        var model = new Argument<string>("model-dir") { Description = "A model folder in the Hugging Face layout (config.json and safetensors weights)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("inspect", "Show a model's architecture, parameter count, stored dtypes and prunable linears.") { model, json };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var summary = ModelLoader.Inspect(parseResult.GetValue(model)!);
            output.Write(parseResult.GetValue(json) ? Json(summary) : Text(summary));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Text(ModelSummary summary)
    {
        var config = summary.Config;
        var text = new StringWriter(CultureInfo.InvariantCulture);
        text.WriteLine($"architecture   {config.Architecture} ({config.ModelType})");
        text.WriteLine($"parameters     {summary.ParameterCount:N0}");
        text.WriteLine($"stored dtypes  {string.Join(", ", summary.ParametersByDtype.Select(d => $"{d.Key} ({d.Value:N0})"))}");
        text.WriteLine(
            $"blocks         {config.NumLayers} (hidden {config.HiddenSize}, heads {config.NumHeads}, key/value heads {config.NumKeyValueHeads}, " +
            $"head dim {config.HeadDim}, mlp {config.IntermediateSize}, vocab {config.VocabSize})");
        text.WriteLine($"prunable linears ({summary.Linears.Count}):");
        var nameWidth = summary.Linears.Select(l => l.Name.Length).DefaultIfEmpty(0).Max();
        foreach (var linear in summary.Linears)
        {
            var shape = $"[{linear.OutFeatures}, {linear.InFeatures}]";
            text.WriteLine($"  {linear.Name.PadRight(nameWidth)}  {shape,-12}  {linear.StoredDtype,-4}  {linear.Role}{(linear.HasBias ? " +bias" : "")}");
        }

        return text.ToString();
    }

    private static string Json(ModelSummary summary)
    {
        var config = summary.Config;
        var document = new
        {
            architecture = config.Architecture,
            modelType = config.ModelType,
            parameters = summary.ParameterCount,
            dtypes = summary.ParametersByDtype.ToDictionary(d => d.Key.ToString(), d => d.Value),
            config = new
            {
                config.HiddenSize,
                config.NumLayers,
                config.NumHeads,
                config.NumKeyValueHeads,
                config.HeadDim,
                config.IntermediateSize,
                config.VocabSize,
                config.TieWordEmbeddings,
            },
            linears = summary.Linears.Select(l => new
            {
                name = l.Name,
                block = l.Block,
                role = l.Role.ToString(),
                inputKey = l.InputKey,
                outFeatures = l.OutFeatures,
                inFeatures = l.InFeatures,
                dtype = l.StoredDtype.ToString(),
                bias = l.HasBias,
            }),
        };
        return JsonSerializer.Serialize(document, JsonOptions) + Environment.NewLine;
    }
}
