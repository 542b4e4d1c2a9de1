using System.Reflection;
using System.Text.RegularExpressions;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests.Diagnostics;

public sealed partial class DiagnosticCodesTests
{
    private static readonly IReadOnlyList<string> _codes = typeof(DiagnosticCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    [Fact]
    public void Codes_are_unique_and_well_formed()
    {
        Assert.Equal(_codes.Count, _codes.Distinct().Count());
        Assert.All(_codes, code => Assert.Matches("^PRN0[0-9]{2}$", code));
    }

    [Fact]
    public void Docs_list_exactly_the_codes_the_tool_defines()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var documented = CodeRow().Matches(docs).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(_codes.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"^\| (PRN0[0-9]{2}) \|", RegexOptions.Multiline)]
    private static partial Regex CodeRow();
}
