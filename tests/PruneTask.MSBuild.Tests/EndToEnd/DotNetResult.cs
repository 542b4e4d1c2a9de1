namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>What a dotnet command printed (stdout and stderr interleaved), its exit code and how long it took.</summary>
internal sealed record DotNetResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>Fails the test with the command's output unless it succeeded.</summary>
    public DotNetResult Succeeded()
    {
        Assert.True(ExitCode == 0, $"dotnet exited with {ExitCode}:\n{Output}");
        return this;
    }
}
