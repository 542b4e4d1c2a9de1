namespace PruneTask.Engine.Diagnostics;

/// <summary>Stable codes of errors found while running a recipe (recipe errors found by loading are PRN0xx).</summary>
public static class RunErrorCodes
{
    /// <summary>The model's weights do not match the recipe's model.fingerprint (the code the recipe library reserves for it).</summary>
    public const string FingerprintMismatch = Recipes.Diagnostics.DiagnosticCodes.FingerprintMismatch;

    /// <summary>The command line does not parse: an unknown command or option, a missing or malformed argument.</summary>
    public const string Usage = "PRN100";

    /// <summary>The model folder cannot be read or is not supported.</summary>
    public const string ModelUnreadable = "PRN101";

    /// <summary>The calibration or evaluation data cannot be used.</summary>
    public const string DataUnusable = "PRN102";

    /// <summary>
    /// A numerical failure during the run, named by layer: a Hessian that stays singular after raising damping,
    /// calibration statistics or a method's result holding NaN or Inf (never cached).
    /// </summary>
    public const string NumericalFailure = "PRN103";

    /// <summary>The recipe asks for something this version cannot do yet (an output format for this architecture, a method).</summary>
    public const string Unsupported = "PRN104";

    /// <summary><c>report</c>: a folder without report.json, or one that does not parse.</summary>
    public const string ReportUnreadable = "PRN105";

    /// <summary>A weight, embedding or norm of the model holds NaN or Inf values (named by tensor).</summary>
    public const string NonFiniteWeights = "PRN106";

    /// <summary>A file or folder cannot be read or written: permissions, a full disk, a file where a folder should be.</summary>
    public const string FileSystem = "PRN107";

    /// <summary>The pruned model is worse than evaluate.max_perplexity_increase allows (the output is written, without a lock file).</summary>
    public const string QualityGateFailed = "PRN108";

    /// <summary>The exported model.onnx, run by ONNX Runtime, does not give the engine's logits within tolerance.</summary>
    public const string OnnxMismatch = "PRN109";

    /// <summary>
    /// The output or cache path is refused before any work: it is, contains or lies in an input, it is a file or a
    /// foreign non-empty folder, or a recipe's relative path leaves the recipe's repository (see OutputPathGuard).
    /// </summary>
    public const string UnsafePath = "PRN110";

    /// <summary>Writing the output or the cache failed: the disk is full or the folder is read-only.</summary>
    public const string CannotWrite = "PRN111";

    /// <summary>An unexpected failure: a bug in dotnet-prune (the stack trace shows with --verbose).</summary>
    public const string InternalError = "PRN199";
}
