using System.Text.RegularExpressions;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests.Support;

/// <summary>
/// A recipe of tests/PruneTask.Recipes.Tests/Corpus. Its expected diagnostics are comments at the top:
/// <c># expect: PRN010 at 7:3</c>, or <c># expect: PRN031 at ../assets/b.prune.yaml 2:10</c> for another file.
/// </summary>
internal sealed partial record CorpusRecipe(string Path, IReadOnlyList<CorpusExpectation> Expected)
{
    public static string Folder(string kind) =>
        System.IO.Path.Combine(RepositoryPaths.Root, "tests", "PruneTask.Recipes.Tests", "Corpus", kind);

    public static TheoryData<string> Names(string kind) =>
        [.. Directory.GetFiles(Folder(kind), "*.prune.yaml").Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    public static CorpusRecipe Open(string kind, string name)
    {
        var path = System.IO.Path.Combine(Folder(kind), name);
        var expected = File.ReadLines(path)
            .Select(line => Expectation().Match(line))
            .Where(m => m.Success)
            .Select(m => new CorpusExpectation(
                m.Groups["code"].Value,
                m.Groups["file"].Success ? System.IO.Path.GetFullPath(m.Groups["file"].Value, Folder(kind)) : path,
                int.Parse(m.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return new CorpusRecipe(path, expected);
    }

    [GeneratedRegex(@"^# expect: (?<code>PRN\d{3}) at (?:(?<file>\S+) )?(?<line>\d+):(?<column>\d+)$")]
    private static partial Regex Expectation();
}
