using Newtonsoft.Json.Linq;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests;

/// <summary>The schema states the same keys, methods, options and defaults as the loader's own tables.</summary>
public sealed class RecipeSchemaTests
{
    private static readonly JObject _schema = JObject.Parse(RecipeSchema.Text);
    private static readonly JObject _definitions = (JObject)_schema["definitions"]!;

    [Fact]
    public void The_embedded_schema_is_the_repository_file() =>
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, RecipeSchema.FileName)), RecipeSchema.Text);

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

        Assert.Equal(MethodCatalog.Names, _definitions["method"]!["anyOf"]![0]!["enum"]!.Values<string>());
    }

    [Fact]
    public void Option_defaults_match_the_method_catalog()
    {
        foreach (var option in MethodCatalog.AllOptions)
        {
            Assert.Equal(JToken.FromObject(option.Default), _definitions[option.Name]!["default"]);
        }
    }

    [Fact]
    public void Section_defaults_match_the_loader()
    {
        var calibration = _schema["properties"]!["calibration"]!["properties"]!;
        Assert.Equal(CalibrationSettings.DefaultSamples, (int)calibration["samples"]!["default"]!);
        Assert.Equal(CalibrationSettings.DefaultSequenceLength, (int)calibration["sequence_length"]!["default"]!);
        Assert.Equal(CalibrationSettings.DefaultTextField, (string?)_definitions["textField"]!["default"]);
        var allocation = _definitions["allocation"]!["properties"]!;
        Assert.Equal(AllocationSettings.DefaultOutlierThreshold, (double)allocation["m"]!["default"]!);
        Assert.Equal(AllocationSettings.DefaultLambda, (double)allocation["lambda"]!["default"]!);
        Assert.Equal(AllocationSettings.DefaultMin, (double)allocation["min"]!["default"]!);
        Assert.Equal(AllocationSettings.DefaultMax, (double)allocation["max"]!["default"]!);
    }

    private static JToken Branch(string definition, string method) =>
        _definitions[definition]!["allOf"]![0]!["anyOf"]!.Single(b => b["properties"]!["method"]?["enum"]?.Values<string>().SequenceEqual([method]) == true);

    private static List<string> PropertyNames(JToken schema) => Sorted(((JObject)schema["properties"]!).Properties().Select(p => p.Name));

    private static List<string> Sorted(IEnumerable<string> names) => [.. names.Order(StringComparer.Ordinal)];
}
