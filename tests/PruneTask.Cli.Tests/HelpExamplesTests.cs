namespace PruneTask.Cli.Tests;

public sealed class HelpExamplesTests
{
    public static TheoryData<string> Examples => [.. HelpExamples.ByCommand.Values.SelectMany(e => e).Distinct()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_example_parses(string example)
    {
        var args = example.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(2).TakeWhile(a => a != ">").ToArray();

        var errors = PruneCommandLine.Create().Parse(args).Errors;

        Assert.Empty(errors.Select(e => e.Message));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("report")]
    [InlineData("validate")]
    public void Help_shows_the_commands_examples(string command)
    {
        var (exitCode, output, _) = Cli.Run(command, "--help");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Contains("Examples:", output, StringComparison.Ordinal);
        Assert.All(HelpExamples.ByCommand[command], e => Assert.Contains(e, output, StringComparison.Ordinal));
    }
}
