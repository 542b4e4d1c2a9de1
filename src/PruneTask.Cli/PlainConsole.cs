using Spectre.Console;

namespace PruneTask.Cli;

/// <summary>A Spectre console that writes plain text (no colour codes) to a given writer, so output is the same in a terminal, a log or a test.</summary>
public static class PlainConsole
{
    public static IAnsiConsole Create(TextWriter output, int width = 160)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });
        console.Profile.Width = width;
        return console;
    }
}
