namespace PruneTask.Recipes.Model;

/// <summary>
/// The <c>model</c> section. <see cref="Path"/> is the absolute path of the Hugging Face folder;
/// <see cref="Fingerprint"/>, when given (<c>sha256:</c> and 64 hex digits), pins the exact weights.
/// </summary>
public sealed record ModelSettings(Located<string> Path, Located<string>? Fingerprint, SourcePosition Position);
