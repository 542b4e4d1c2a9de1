using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Resolution;

public sealed class RecipeResolverTests : IDisposable
{
    private const string Down0 = "model.layers.0.mlp.down_proj";
    private const string Q0 = "model.layers.0.self_attn.q_proj";
    private const string Q1 = "model.layers.1.self_attn.q_proj";

    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Defaults_apply_to_every_layer_with_every_option_default_sorted()
    {
        var result = Resolve.Body(_folder, "defaults: {method: sparsegpt, sparsity: 0.5}");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(14, result.Layers.Count);
        Assert.All(result.Layers, l => Assert.Equal(("sparsegpt", new PruneTarget.Sparsity(0.5)), (l.Method, l.Target)));
        var declared = MethodCatalog.Find(MethodNames.SparseGpt)!.Options.OrderBy(o => o.Name, StringComparer.Ordinal).ToList();
        Assert.Equal(declared.Select(o => o.Name), result.Layer(Q0).Options.Keys);
        Assert.Equal(declared.Select(o => o.Default), result.Layer(Q0).Options.Values);
        Assert.Equal(["defaults"], result.Layer(Q0).Sources);
    }

    [Fact]
    public void Later_rules_override_earlier_ones_field_by_field()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: sparsegpt, sparsity: 0.5, damping: 0.02}
            layers:
              - {match: "model.layers.*", blocksize: 64}
              - {match: "*.down_proj", sparsity: 0.7}
              - {match: "model.layers.0.*", damping: 0.05}
            """);

        var down0 = result.Layer(Down0);
        Assert.Equal(new PruneTarget.Sparsity(0.7), down0.Target);
        Assert.Equal(64L, down0.Options["blocksize"]);
        Assert.Equal(0.05, down0.Options["damping"]);
        Assert.Equal(["defaults", "layers[0]", "layers[1]", "layers[2]"], down0.Sources);
        Assert.Equal(0.02, result.Layer(Q1).Options["damping"]);
        Assert.Equal(0.5, result.Layer(Q1).Target!.Fraction);
    }

    [Fact]
    public void Changing_the_method_drops_the_options_of_the_old_one_but_keeps_the_target()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: sparsegpt, sparsity: 0.6, blocksize: 64}
            layers:
              - {match: "*.q_proj", method: wanda}
            """);

        var q = result.Layer(Q0);
        Assert.Empty(result.Diagnostics);
        Assert.Equal(("wanda", 0.6), (q.Method, q.Target!.Fraction));
        Assert.Empty(q.Options);
    }

    [Fact]
    public void A_pattern_in_a_rule_replaces_the_inherited_sparsity()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: wanda, sparsity: 0.5}
            layers:
              - {match: "*.q_proj", pattern: "2:4"}
            """);

        Assert.Equal(new PruneTarget.Pattern(new NmPattern(2, 4)), result.Layer(Q0).Target);
    }

    [Fact]
    public void Skip_leaves_layers_dense_until_a_later_rule_sets_method_fields()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: wanda, sparsity: 0.5}
            layers:
              - {match: "model.layers.0.*", skip: true}
              - {match: "*.down_proj", sparsity: 0.4}
            """);

        var q0 = result.Layer(Q0);
        Assert.True(q0.Skip);
        Assert.Equal((null, null, null), (q0.Method, q0.Target, q0.Allocation));
        Assert.False(result.Layer(Down0).Skip);
        Assert.Equal(0.4, result.Layer(Down0).Target!.Fraction);
    }

    [Fact]
    public void Without_defaults_layers_no_rule_covers_stay_dense()
    {
        var result = Resolve.Body(_folder, "layers:\n  - {match: \"*.down_proj\", method: wanda, sparsity: 0.5}");

        Assert.Equal(2, result.Layers.Count(l => !l.Skip));
        Assert.Empty(result.Layer(Q0).Sources);
    }

    [Fact]
    public void A_rule_that_matches_no_layer_warns_or_fails_when_strict()
    {
        const string Body = "defaults: {method: wanda, sparsity: 0.5}\nlayers:\n  - {match: \"*.gate_prj\", skip: true}";

        DiagnosticAssert.Warnings(Resolve.Body(_folder, Body).Diagnostics, "PRN050@6:13");
        var strict = Resolve.Body(_folder, Body, strict: true);
        DiagnosticAssert.Errors(strict.Diagnostics, "PRN050@6:13");
        Assert.True(strict.HasErrors);
    }

    [Fact]
    public void Options_a_rule_sets_are_checked_against_the_method_the_layer_inherits()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: wanda, sparsity: 0.5}
            layers:
              - {match: "*.down_proj", blocksize: 64}
            """);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("PRN021", 6, 28), (error.Code, error.Line, error.Column));
        Assert.EndsWith("(layers model.layers.0.mlp.down_proj and 1 more).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("layers:\n  - {match: \"*\", sparsity: 0.5}", "PRN055")]
    [InlineData("defaults: {method: wanda}", "PRN055")]
    [InlineData("defaults: {method: wanda, sparsity: 0.5}\nlayers:\n  - {match: \"*.down_proj\", method: osscar}", "PRN022")]
    public void Incomplete_or_mismatched_settings_are_errors(string body, string code) =>
        Assert.Equal(code, Assert.Single(Resolve.Body(_folder, body).Diagnostics, d => d.IsError).Code);

    [Fact]
    public void Allocation_groups_follow_the_rule_that_set_the_target()
    {
        var result = Resolve.Body(_folder, """
            defaults: {method: wanda, sparsity: 0.7}
            allocation: {strategy: owl}
            layers:
              - {match: "*.down_proj", sparsity: 0.5}
              - {match: "*.q_proj", pattern: "2:4"}
              - {match: "*.k_proj", allocation: {strategy: owl, lambda: 0.2}}
            """);

        Assert.Equal(("defaults", AllocationStrategy.Owl), Group(result.Layer("model.layers.0.mlp.up_proj")));
        Assert.Equal(("layers[0]", AllocationStrategy.Owl), Group(result.Layer(Down0)));
        Assert.Equal(("layers[1]", AllocationStrategy.Owl), Group(result.Layer(Q0)));
        Assert.Equal(0.2, result.Layer("model.layers.0.self_attn.k_proj").Allocation!.Settings.Lambda);
    }

    [Fact]
    public void Methods_that_need_calibration_require_the_section()
    {
        var loaded = _folder.Load("version: 1\nmodel: {path: model}\ndefaults: {method: wanda, sparsity: 0.5}\n");

        var result = RecipeResolver.Resolve(loaded.Recipe!, TinyModels.Llama(), strict: false);

        DiagnosticAssert.Errors(result.Diagnostics, "PRN056@3:12");
    }

    [Fact]
    public void Magnitude_needs_no_calibration_but_owl_does()
    {
        var magnitude = _folder.Load("version: 1\nmodel: {path: model}\ndefaults: {method: magnitude, sparsity: 0.5}\n").Recipe!;
        var owl = _folder.Load("version: 1\nmodel: {path: model}\ndefaults: {method: magnitude, sparsity: 0.5}\nallocation: {strategy: owl}\n").Recipe!;

        Assert.Empty(RecipeResolver.Resolve(magnitude, TinyModels.Llama(), strict: false).Diagnostics);
        Assert.Equal(DiagnosticCodes.CalibrationRequired, Assert.Single(RecipeResolver.Resolve(owl, TinyModels.Llama(), strict: false).Diagnostics).Code);
    }

    [Theory]
    [InlineData("factored", "defaults: {method: wanda, sparsity: 0.5}")]
    [InlineData("shrunk", "defaults: {method: oats, compression: 0.5}")]
    public void An_output_format_with_nothing_to_do_warns(string format, string defaults)
    {
        var result = Resolve.Body(_folder, $"{defaults}\noutput: {{format: {format}}}");

        DiagnosticAssert.Warnings(result.Diagnostics, "PRN059@5:18");
    }

    private static (string, AllocationStrategy) Group(ResolvedLayer layer) => (layer.Allocation!.Group, layer.Allocation.Settings.Strategy);
}
