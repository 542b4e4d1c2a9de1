namespace PruneTask.Tests.Common;

/// <summary>Finds the repository root (the folder holding PruneTask.sln) and the fixtures in tests/fixtures.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>tests/fixtures under the repository root; throws (so a test fails, never skips) when missing.</summary>
    public static string Fixtures
    {
        get
        {
            var path = Path.Combine(Root, "tests", "fixtures");
            return Directory.Exists(path)
                ? path
                : throw new DirectoryNotFoundException($"The test fixtures are missing: expected them at {path}.");
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PruneTask.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No PruneTask.sln above {AppContext.BaseDirectory}.");
    }
}
