namespace PruneTask.Engine.Stages;

/// <summary>Stable codes of errors found while running a recipe (recipe errors found by loading are PRN0xx).</summary>
public static class RunErrorCodes
{
    /// <summary>The model's weights do not match the recipe's model.fingerprint (the code the recipe library reserves for it).</summary>
    public const string FingerprintMismatch = Recipes.Diagnostics.DiagnosticCodes.FingerprintMismatch;

    /// <summary>The model folder cannot be read or is not supported.</summary>
    public const string ModelUnreadable = "PRN101";

    /// <summary>The calibration or evaluation data cannot be used.</summary>
    public const string DataUnusable = "PRN102";

    /// <summary>A method failed numerically (for example a Hessian that stays singular after raising damping).</summary>
    public const string NumericalFailure = "PRN103";

    /// <summary>The recipe asks for something this version cannot do yet (an output format for this architecture, a method).</summary>
    public const string Unsupported = "PRN104";

    /// <summary>
    /// The output or cache path is refused before any work: it is, contains or lies in an input, it is a file or a
    /// foreign non-empty folder, or a recipe's relative path leaves the recipe's repository (see OutputPathGuard).
    /// </summary>
    public const string UnsafePath = "PRN110";

    /// <summary>Writing the output or the cache failed: the disk is full or the folder is read-only.</summary>
    public const string CannotWrite = "PRN111";
}
