using System.CommandLine;
using PruneTask.Cli.Commands;
using PruneTask.Recipes.Resolution;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private const string Valid = SampleRecipes.Minimal + """

        layers:
          - match: "*.down_proj"
            pattern: "2:4"
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "prunetask-validate-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    public ValidateCommandTests()
    {
        var model = Directory.CreateDirectory(Path.Combine(_root, "model")).FullName;
        foreach (var file in new[] { "config.json", "model.safetensors" })
        {
            File.Copy(RepositoryPaths.Fixture("models", "tiny-llama-gqa", file), Path.Combine(model, file));
        }

        File.WriteAllText(Path.Combine(_root, "calib.txt"), "text");
    }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        _output.Dispose();
        _error.Dispose();
    }

    [Fact]
    public void Three_independent_mistakes_print_three_positioned_errors_and_exit_1()
    {
        var recipe = Write("three.prune.yaml", SampleRecipes.ThreeMistakes);

        var exitCode = Invoke(PruneCommandLine.Create(), "validate", recipe);

        Assert.Equal(ExitCodes.Invalid, exitCode);
        var lines = Lines(_error);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{recipe}(6,3): error PRN010: Unknown key 'sampels' in calibration. Did you mean 'samples'?", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"{recipe}(9,13): error PRN014: defaults.sparsity must be a number in [0, 1); got 1.5", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{recipe}(11,11): error PRN013: output.format must be one of dense, factored, shrunk", lines[2], StringComparison.Ordinal);
        Assert.Equal([$"{recipe}: invalid"], Lines(_output));
    }

    [Fact]
    public void A_valid_recipe_exits_0()
    {
        var recipe = Write("ok.prune.yaml", Valid);

        Assert.Equal(ExitCodes.Ok, Invoke(PruneCommandLine.Create(), "validate", recipe));
        Assert.Empty(_error.ToString());
        Assert.Equal([$"{recipe}: valid"], Lines(_output));
    }

    [Fact]
    public void A_missing_recipe_cannot_run_and_exits_2_even_beside_an_invalid_one()
    {
        var invalid = Write("bad.prune.yaml", "version: 1\n");
        var missing = Path.Combine(_root, "missing.prune.yaml");

        Assert.Equal(ExitCodes.Failed, Invoke(PruneCommandLine.Create(), "validate", invalid, missing));
        Assert.Contains($"{missing}: error PRN002: Cannot read the recipe", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Set_and_var_options_apply_and_report_at_the_option()
    {
        var recipe = Write("ok.prune.yaml", Valid);

        var exitCode = Invoke(PruneCommandLine.Create(), "validate", recipe, "--set", "calibration.sampels=3", "--set", "defaults.sparsity=0.4");

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.StartsWith("--set calibration.sampels: error PRN010:", Assert.Single(Lines(_error)), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_set_takes_one_value_so_recipes_can_follow_it()
    {
        var first = Write("a.prune.yaml", Valid);
        var second = Write("b.prune.yaml", Valid);

        Assert.Equal(ExitCodes.Ok, Invoke(PruneCommandLine.Create(), "validate", first, "--set", "calibration.samples=4", second));
        Assert.Equal([$"{first}: valid", $"{second}: valid"], Lines(_output));
    }

    [Fact]
    public void With_a_model_reader_rules_are_checked_against_the_layers_and_strict_makes_unmatched_rules_errors()
    {
        var recipe = Write("rules.prune.yaml", Valid + "\n  - match: \"*.gate_prj\"\n    skip: true\n");
        var command = Root(ValidateCommand.Create(new FixedLayers()));

        Assert.Equal(ExitCodes.Ok, Invoke(command, "validate", recipe));
        Assert.Contains("(12,12): warning PRN050:", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Invalid, Invoke(Root(ValidateCommand.Create(new FixedLayers())), "validate", recipe, "--strict"));
        Assert.Contains("(12,12): error PRN050:", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Layer_checks_report_shape_problems()
    {
        var recipe = Write("shape.prune.yaml", Valid.Replace("\"2:4\"", "\"2:3\"", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.Invalid, Invoke(Root(ValidateCommand.Create(new FixedLayers())), "validate", recipe));
        Assert.Contains("(11,5): error PRN053: pattern 2:3: groups of 3 do not tile the layer's 160 inputs", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unreadable_model_exits_2_with_a_positioned_error()
    {
        var recipe = Write("ok.prune.yaml", Valid);

        Assert.Equal(ExitCodes.Failed, Invoke(Root(ValidateCommand.Create(new BrokenLayers())), "validate", recipe));
        Assert.Contains($"{recipe}(3,9): error PRN061: Cannot read the model's tensor list: no safetensors", _error.ToString(), StringComparison.Ordinal);
    }

    private static RootCommand Root(Command validate)
    {
        var root = new RootCommand { GlobalOptions.Verbose };
        root.Subcommands.Add(validate);
        return root;
    }

    private int Invoke(RootCommand root, params string[] args) =>
        root.Parse(args).Invoke(new InvocationConfiguration { Output = _output, Error = _error });

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    private static string[] Lines(StringWriter writer) => writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    private sealed class FixedLayers : IModelLayerReader
    {
        public IReadOnlyList<LayerDescriptor> ReadLayers(string modelPath) =>
        [
            new("model.layers.0.self_attn.q_proj", 0, 64, 64, LayerRoles.AttentionQuery),
            new("model.layers.0.mlp.down_proj", 0, 64, 160, LayerRoles.MlpDown),
        ];
    }

    private sealed class BrokenLayers : IModelLayerReader
    {
        public IReadOnlyList<LayerDescriptor> ReadLayers(string modelPath) => throw new InvalidDataException("no safetensors in " + modelPath);
    }
}
