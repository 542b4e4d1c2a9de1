using System.Reflection;
using System.Text.RegularExpressions;
using PruneTask.Tests.Common;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Tests.Diagnostics;

public sealed partial class RunErrorCodesTests
{
    /// <summary>The run codes (PRN1xx); FingerprintMismatch is the recipe library's PRN060, documented with the recipe codes.</summary>
    private static readonly IReadOnlyList<string> _codes = typeof(RunErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .Where(c => c.StartsWith("PRN1", StringComparison.Ordinal))
        .ToList();

    [Fact]
    public void Run_codes_are_unique()
    {
        Assert.Equal(_codes.Count, _codes.Distinct().Count());
        Assert.All(_codes, code => Assert.Matches("^PRN1[0-9]{2}$", code));
    }

    [Fact]
    public void The_readme_lists_exactly_the_run_codes_the_tool_defines()
    {
        var documented = RunCodeRow().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"))).Select(m => m.Groups[1].Value);

        Assert.Equal(_codes.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| (PRN1[0-9]{2}) \|", RegexOptions.Multiline)]
    private static partial Regex RunCodeRow();
}
