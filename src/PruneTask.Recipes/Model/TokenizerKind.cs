namespace PruneTask.Recipes.Model;

/// <summary>How text datasets become token ids.</summary>
public enum TokenizerKind
{
    /// <summary>The tokenizer files in the model folder, through Microsoft.ML.Tokenizers.</summary>
    Auto,

    /// <summary>One token per UTF-8 byte (ids 0–255), for byte-level models and tests.</summary>
    Bytes,
}
