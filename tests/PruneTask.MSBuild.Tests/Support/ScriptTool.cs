namespace PruneTask.MSBuild.Tests.Support;

/// <summary>Writes an executable POSIX shell script that stands in for dotnet-prune in the task tests.</summary>
internal static class ScriptTool
{
    public static string Create(TempDirectory directory, string body)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("The task tests run a POSIX shell script in place of dotnet-prune.");
        }

        var path = directory.Write("tool/dotnet-prune", "#!/bin/sh\n" + body.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
