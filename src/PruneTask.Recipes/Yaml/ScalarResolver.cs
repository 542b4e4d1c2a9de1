using System.Globalization;
using System.Text.RegularExpressions;

namespace PruneTask.Recipes.Yaml;

/// <summary>
/// Types plain scalars by YAML 1.2's core schema, as VS Code's YAML extension does: so <c>yes</c> and <c>2:4</c>
/// are strings, <c>0x10</c> is an integer and <c>1e-3</c> a number. Quoted and block scalars are always strings.
/// </summary>
internal static partial class ScalarResolver
{
    public static ScalarKind Resolve(string text, bool plain)
    {
        if (!plain)
        {
            return ScalarKind.String;
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return ScalarKind.Null;
        }

        if (text is "true" or "True" or "TRUE" or "false" or "False" or "FALSE")
        {
            return ScalarKind.Boolean;
        }

        if (IntegerSyntax().IsMatch(text))
        {
            return TryParseInteger(text, out _) ? ScalarKind.Integer : ScalarKind.Float;
        }

        return FloatSyntax().IsMatch(text) ? ScalarKind.Float : ScalarKind.String;
    }

    public static long ParseInteger(string text) =>
        TryParseInteger(text, out var value) ? value : throw new FormatException($"'{text}' is not an integer.");

    public static double ParseFloat(string text)
    {
        var body = text.TrimStart('+');
        return body switch
        {
            ".inf" or ".Inf" or ".INF" => double.PositiveInfinity,
            "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
            ".nan" or ".NaN" or ".NAN" => double.NaN,
            _ => double.Parse(body, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
    }

    private static bool TryParseInteger(string text, out long value)
    {
        if (text.StartsWith("0x", StringComparison.Ordinal))
        {
            return long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        }

        if (text.StartsWith("0o", StringComparison.Ordinal))
        {
            value = 0;
            foreach (var digit in text.AsSpan(2))
            {
                if (value > long.MaxValue / 8)
                {
                    return false;
                }

                value = (value * 8) + (digit - '0');
            }

            return true;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex("^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatSyntax();
}
