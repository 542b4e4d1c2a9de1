using System.Text.RegularExpressions;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.IO;

/// <summary>
/// Turns the write failures a run can meet into one clear line (<see cref="RunErrorCodes.CannotWrite"/>): a full disk
/// or quota ("disk full writing PATH") and a read-only or not writable folder ("cannot write PATH: read-only").
/// </summary>
public static partial class WriteFailure
{
    // errno on Linux and macOS; Win32 error codes inside HRESULTs on Windows.
    private const int Enospc = 28;
    private const int Erofs = 30;
    private const int EdquotLinux = 122;
    private const int EdquotMac = 69;
    private const int ErrorHandleDiskFull = unchecked((int)0x80070027);
    private const int ErrorDiskFull = unchecked((int)0x80070070);
    private const int ErrorWriteProtect = unchecked((int)0x80070013);

    public static bool IsDiskFull(IOException e) =>
        e.HResult is Enospc or EdquotLinux or ErrorHandleDiskFull or ErrorDiskFull || (OperatingSystem.IsMacOS() && e.HResult == EdquotMac);

    public static bool IsReadOnly(IOException e) => e.HResult is Erofs or ErrorWriteProtect;

    /// <summary>
    /// The run error for <paramref name="e"/> when it is a write failure under one of <paramref name="writtenFolders"/>
    /// (an access error elsewhere is a read problem, not this); otherwise null.
    /// </summary>
    public static PruneRunException? Describe(Exception e, params string[] writtenFolders)
    {
        var path = PathIn(e.Message);
        var written = path is not null && writtenFolders.Any(f => PathStartsWith(path, f));
        return e switch
        {
            IOException io when IsDiskFull(io) => new PruneRunException(RunErrorCodes.CannotWrite, $"disk full writing {path ?? string.Join(" or ", writtenFolders)}.", null, e),
            IOException io when IsReadOnly(io) => new PruneRunException(RunErrorCodes.CannotWrite, $"cannot write {path ?? string.Join(" or ", writtenFolders)}: read-only.", null, e),
            UnauthorizedAccessException when written => new PruneRunException(RunErrorCodes.CannotWrite, $"cannot write {path}: read-only (or not writable for this user).", null, e),
            _ => null,
        };
    }

    private static bool PathStartsWith(string path, string folder)
    {
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        return path.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase) || path.Equals(full, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The path .NET quotes in an I/O error message ("... : '/a/b'", "Access to the path '/a/b' is denied.").</summary>
    private static string? PathIn(string message) => QuotedPath().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedPath();
}
