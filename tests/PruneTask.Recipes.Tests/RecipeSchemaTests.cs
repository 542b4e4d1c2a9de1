using System.Text.Json;
using System.Text.Json.Nodes;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests;

/// <summary>The schema states the same keys, methods, options and defaults as the loader's own tables.</summary>
public sealed class RecipeSchemaTests
{
    /// <summary>JsonSchema.Net's message for a property that <c>additionalProperties: false</c> refuses.</summary>
    private const string NotAllowedHere = "All values fail against the false schema";

    private static readonly JsonObject _schema = JsonNode.Parse(RecipeSchema.Text)!.AsObject();
    private static readonly JsonObject _definitions = _schema["definitions"]!.AsObject();

    [Fact]
    public void Section_keys_match_the_loader()
    {
        Assert.Equal(Sorted(RecipeReader.Keys), PropertyNames(_schema));
        Assert.Equal(Sorted(ModelSectionReader.Keys), PropertyNames(_schema["properties"]!["model"]!));
        Assert.Equal(Sorted(CalibrationSectionReader.Keys), PropertyNames(_schema["properties"]!["calibration"]!));
        Assert.Equal(Sorted(EvaluationSectionReader.Keys), PropertyNames(_schema["properties"]!["evaluate"]!));
        Assert.Equal(Sorted(OutputSectionReader.OutputKeys), PropertyNames(_schema["properties"]!["output"]!));
        Assert.Equal(Sorted(OutputSectionReader.CacheKeys), PropertyNames(_schema["properties"]!["cache"]!));
        Assert.Equal(Sorted(AllocationReader.Keys), PropertyNames(_definitions["allocation"]!));
    }

    [Fact]
    public void Each_method_branch_allows_exactly_its_targets_and_options()
    {
        foreach (var method in MethodCatalog.Methods)
        {
            string[] own = ["method", .. method.Targets.Select(PruneTarget.KeyOf), .. method.Options.Select(o => o.Name)];
            Assert.Equal(Sorted(own), PropertyNames(Branch("defaults", method.Name)));
            Assert.Equal(Sorted([.. own, "match", "regex", "skip", "allocation"]), PropertyNames(Branch("rule", method.Name)));
        }

        Assert.Equal(MethodCatalog.Names, _definitions["method"]!["anyOf"]![0]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
        string[] any = ["method", .. MethodCatalog.Methods.SelectMany(m => m.Targets.Select(PruneTarget.KeyOf).Concat(m.Options.Select(o => o.Name))).Distinct()];
        Assert.Equal(Sorted(any), PropertyNames(_definitions["defaults"]!["allOf"]![0]!));
        Assert.Equal(Sorted([.. any, "match", "regex", "skip", "allocation"]), PropertyNames(_definitions["rule"]!["allOf"]![0]!));
    }

    [Fact]
    public void Option_defaults_match_the_method_catalog()
    {
        foreach (var option in MethodCatalog.AllOptions)
        {
            Assert.True(
                JsonNode.DeepEquals(JsonSerializer.SerializeToNode(option.Default), _definitions[option.Name]!["default"]),
                $"{option.Name}: the schema's default {_definitions[option.Name]!["default"]?.ToJsonString()} is not {option.Default}");
        }
    }

    [Fact]
    public void Section_defaults_match_the_loader()
    {
        var calibration = _schema["properties"]!["calibration"]!["properties"]!;
        Assert.Equal(CalibrationSettings.DefaultSamples, calibration["samples"]!["default"]!.GetValue<int>());
        Assert.Equal(CalibrationSettings.DefaultSequenceLength, calibration["sequence_length"]!["default"]!.GetValue<int>());
        Assert.Equal(CalibrationSettings.DefaultTextField, _definitions["textField"]!["default"]?.GetValue<string>());
        var allocation = _definitions["allocation"]!["properties"]!;
        Assert.Equal(AllocationSettings.DefaultOutlierThreshold, allocation["m"]!["default"]!.GetValue<double>());
        Assert.Equal(AllocationSettings.DefaultLambda, allocation["lambda"]!["default"]!.GetValue<double>());
        Assert.Equal(AllocationSettings.DefaultMin, allocation["min"]!["default"]!.GetValue<double>());
        Assert.Equal(AllocationSettings.DefaultMax, allocation["max"]!["default"]!.GetValue<double>());
    }

    [Theory]
    [InlineData("defaults:\n  method: wanda\n  sparsity: 0.5\n  damping: 0.1\n", "/defaults/damping")]
    [InlineData("defaults:\n  method: magnitude\n  sparsity: 0.5\nlayers:\n  - match: \"*.q_proj\"\n    method: osscar\n    keep: 0.5\n    rank_ratio: 0.1\n", "/layers/0/rank_ratio")]
    [InlineData("defaults:\n  method: sparsegpt\n  keep: 0.5\n", "/defaults/keep")]
    public void A_method_specific_mistake_names_the_field(string sections, string location)
    {
        var errors = SchemaCheck.Errors($"version: 1\nmodel:\n  path: m\n{sections}");

        // Only the misplaced field is refused as a field no branch allows: with one branch per method under anyOf,
        // every other branch also refused the recipe's valid fields (sparsity, method), which buried the one mistake.
        var refusedFields = errors.Where(e => e.EndsWith(NotAllowedHere, StringComparison.Ordinal)).Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]);
        Assert.Equal([location], refusedFields.Distinct());
    }

    private static JsonNode Branch(string definition, string method) =>
        _definitions[definition]!["allOf"]!.AsArray().Single(b => b!["if"]?["properties"]?["method"]?["const"]?.GetValue<string>() == method)!["then"]!;

    private static List<string> PropertyNames(JsonNode schema) => Sorted(schema["properties"]!.AsObject().Select(p => p.Key));

    private static List<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];
}
