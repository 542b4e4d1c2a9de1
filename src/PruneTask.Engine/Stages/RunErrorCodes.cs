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

    /// <summary>The exported model.onnx, run by ONNX Runtime, does not give the engine's logits within tolerance.</summary>
    public const string OnnxMismatch = "PRN120";
}
