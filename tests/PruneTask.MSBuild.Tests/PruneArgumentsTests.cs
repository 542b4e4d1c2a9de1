namespace PruneTask.MSBuild.Tests;

public class PruneArgumentsTests
{
    private static readonly char Separator = Path.DirectorySeparatorChar;

    [Fact]
    public void Builds_a_run_command_with_output_cache_dependency_file_and_msbuild_diagnostics()
    {
        var arguments = PruneArguments.Build(null, "/r/llama.prune.yaml", "/o/llama", "/c", "/s/llama.deps", [], "minimal");

        Assert.Equal(
            "run /r/llama.prune.yaml --output /o/llama --cache-dir /c --deps-file /s/llama.deps --diagnostics-format msbuild --verbosity minimal",
            arguments);
    }

    [Fact]
    public void Puts_the_tool_selecting_arguments_before_run()
    {
        var arguments = PruneArguments.Build("tool run dotnet-prune", "r.yaml", "o", null, null, [], null);

        Assert.StartsWith("tool run dotnet-prune run r.yaml --output o", arguments);
    }

    [Fact]
    public void Passes_each_override_as_its_own_set_switch()
    {
        var arguments = PruneArguments.Build(null, "r.yaml", "o", null, null, ["defaults.sparsity=0.6", " calibration.samples=4 "], null);

        Assert.Contains("--set defaults.sparsity=0.6 --set calibration.samples=4", arguments);
    }

    [Fact]
    public void Quotes_paths_with_spaces()
    {
        var arguments = PruneArguments.Build(null, "/my models/r.yaml", "/out dir/r", null, null, [], null);

        Assert.Contains("\"/my models/r.yaml\"", arguments);
        Assert.Contains("--output \"/out dir/r\"", arguments);
    }

    [Fact]
    public void Drops_the_trailing_separator_of_folders_so_a_quote_is_never_escaped()
    {
        var arguments = PruneArguments.Build(null, "r.yaml", $"out dir{Separator}", $"cache{Separator}", null, [], null);

        Assert.Contains("--output \"out dir\"", arguments);
        Assert.Contains("--cache-dir cache ", arguments);
    }
}
