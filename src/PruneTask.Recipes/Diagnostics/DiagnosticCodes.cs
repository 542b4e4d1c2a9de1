namespace PruneTask.Recipes.Diagnostics;

/// <summary>
/// The stable diagnostic codes, documented in README.md (section Recipes). A code keeps its meaning forever:
/// new problems get new numbers, and retired numbers are never reused.
/// </summary>
public static class DiagnosticCodes
{
    public const string YamlSyntax = "PRN001";
    public const string RecipeUnreadable = "PRN002";
    public const string NotAMapping = "PRN003";
    public const string DuplicateKey = "PRN004";
    public const string UnsupportedVersion = "PRN005";

    /// <summary>A recipe beyond <see cref="Loading.RecipeLimits"/>: file size, nodes after alias expansion, nesting, extends chain.</summary>
    public const string RecipeTooLarge = "PRN006";

    public const string UnknownKey = "PRN010";
    public const string MissingKey = "PRN011";
    public const string WrongType = "PRN012";
    public const string UnknownValue = "PRN013";
    public const string OutOfRange = "PRN014";
    public const string InvalidFormat = "PRN015";

    public const string PatternNotBelowGroup = "PRN020";
    public const string OptionNotForMethod = "PRN021";
    public const string TargetNotForMethod = "PRN022";
    public const string ConflictingTargets = "PRN023";
    public const string SkipWithSettings = "PRN024";
    public const string MatchAndRegex = "PRN025";
    public const string InvalidLayerPattern = "PRN026";
    public const string AllocationNeedsFraction = "PRN027";
    public const string AllocationBounds = "PRN028";
    public const string AllocationGroupMixedTargets = "PRN029";

    public const string BaseRecipeNotFound = "PRN030";
    public const string ExtendsCycle = "PRN031";
    public const string PathNotFound = "PRN032";
    public const string UnknownVariable = "PRN033";
    public const string InvalidVariableReference = "PRN034";

    public const string InvalidOverride = "PRN040";
    public const string OverridePathUnusable = "PRN041";
    public const string UndeclaredVariable = "PRN042";

    public const string RuleMatchesNoLayer = "PRN050";
    public const string OatsRankTooLarge = "PRN051";
    public const string OatsRankZero = "PRN052";
    public const string PatternDoesNotDivide = "PRN053";
    public const string MethodNotForLayer = "PRN054";
    public const string MissingMethodOrTarget = "PRN055";
    public const string CalibrationRequired = "PRN056";
    public const string BlockSizeNotMultiple = "PRN057";
    public const string OutputFormatUnused = "PRN059";

    /// <summary>Reported by the engine when <c>model.fingerprint</c> differs from the weights on disk.</summary>
    public const string FingerprintMismatch = "PRN060";

    /// <summary>Reported by front ends when the model's tensor list cannot be read for a check or a plan.</summary>
    public const string ModelUnreadable = "PRN061";
}
