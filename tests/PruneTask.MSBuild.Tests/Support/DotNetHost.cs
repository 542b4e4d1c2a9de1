namespace PruneTask.MSBuild.Tests.Support;

/// <summary>The dotnet executable running these tests' SDK: DOTNET_HOST_PATH when set, else the first on PATH.</summary>
internal static class DotNetHost
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromEnvironment) && File.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => System.IO.Path.Combine(directory, name))
            .FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException("The tests need the dotnet host: set DOTNET_HOST_PATH or put dotnet on PATH.");
    }
}
