using System;

namespace PruneTask.MSBuild;

/// <summary>An expected failure with a diagnostic code: the task logs it as an error, without a stack trace.</summary>
internal sealed class PruneSetupException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
