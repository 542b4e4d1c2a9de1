namespace PruneTask.Recipes.Yaml;

/// <summary>The type of a scalar under YAML 1.2's core schema (what editors and the JSON view of a recipe see).</summary>
internal enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}
