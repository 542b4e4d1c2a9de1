using System.Text.RegularExpressions;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Loading;

/// <summary>
/// Applies <c>--set path=value</c> and <c>--var name=value</c> to the merged tree. Nodes they create are
/// positioned at the option (e.g. <c>--set calibration.sampels</c>), so a wrong key is reported there.
/// </summary>
internal static partial class OverrideApplier
{
    private const string VariablesKey = "variables";

    public static MappingNode Apply(MappingNode tree, RecipeOverrides overrides, DiagnosticBag diagnostics)
    {
        foreach (var setting in overrides.Settings)
        {
            tree = ApplyOne(tree, "--set", setting, setting, diagnostics);
        }

        foreach (var variable in overrides.Variables)
        {
            var name = variable.Split('=')[0];
            tree = NameSyntax().IsMatch(name)
                ? ApplyOne(tree, "--var", variable, $"{VariablesKey}.{variable}", diagnostics)
                : Invalid(tree, "--var", variable, "expected --var name=value, such as --var sparsity=0.6", diagnostics);
        }

        return tree;
    }

    private static MappingNode ApplyOne(MappingNode tree, string option, string written, string assignment, DiagnosticBag diagnostics)
    {
        var equals = assignment.IndexOf('=');
        var segments = equals > 0 ? assignment[..equals].Split('.') : [];
        if (segments.Length == 0 || !segments.All(s => NameSyntax().IsMatch(s) || IndexSyntax().IsMatch(s)))
        {
            var usage = option == "--var" ? "expected --var name=value, such as --var sparsity=0.6" : "expected --set path=value, such as --set calibration.samples=32";
            return Invalid(tree, option, written, usage, diagnostics);
        }

        var origin = new SourcePosition($"{option} {(option == "--var" ? segments[1] : assignment[..equals])}", 0, 0);
        if (segments[0] is "version" or "extends")
        {
            diagnostics.Error(DiagnosticCodes.OverridePathUnusable, origin, $"{segments[0]} cannot be overridden from the command line.");
            return tree;
        }

        if (segments[0] == VariablesKey && !IsDeclaredVariable(tree, segments, origin, diagnostics))
        {
            return tree;
        }

        var value = ParseValue(assignment[(equals + 1)..], origin, diagnostics);
        return value is null ? tree : new TreeEditor(origin, diagnostics).Set(tree, segments, value) ?? tree;
    }

    private static RecipeNode? ParseValue(string text, SourcePosition origin, DiagnosticBag diagnostics) =>
        text.Length == 0
            ? new ScalarNode(string.Empty, ScalarKind.Null, origin, Environment.CurrentDirectory)
            : YamlDocumentParser.Parse(text, origin.File, Environment.CurrentDirectory, diagnostics, positionless: true);

    private static bool IsDeclaredVariable(MappingNode tree, string[] segments, SourcePosition origin, DiagnosticBag diagnostics)
    {
        var declared = (tree[VariablesKey] as MappingNode)?.Entries.Select(e => e.Name).ToList() ?? [];
        if (segments.Length != 2)
        {
            diagnostics.Error(DiagnosticCodes.InvalidOverride, origin, "A variable override names one variable: variables.NAME=value or --var NAME=value.");
            return false;
        }

        if (declared.Contains(segments[1]))
        {
            return true;
        }

        diagnostics.Error(
            DiagnosticCodes.UndeclaredVariable,
            origin,
            $"The recipe declares no variable '{segments[1]}'.{Suggestions.Hint(segments[1], declared)}");
        return false;
    }

    private static MappingNode Invalid(MappingNode tree, string option, string written, string message, DiagnosticBag diagnostics)
    {
        diagnostics.Error(DiagnosticCodes.InvalidOverride, new SourcePosition(option, 0, 0), $"'{written}': {message}.");
        return tree;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex NameSyntax();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex IndexSyntax();
}
