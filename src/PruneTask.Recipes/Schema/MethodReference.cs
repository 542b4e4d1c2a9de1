using System.Globalization;
using System.Text;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Schema;

/// <summary>
/// The methods, their options and the target kinds as markdown tables, rendered from <see cref="MethodCatalog"/>
/// and <see cref="TargetKinds"/>: <c>dotnet prune schema --methods</c> prints them and README.md holds the same text.
/// </summary>
public static class MethodReference
{
    public static string Markdown() => Markdown(MethodCatalog.Methods);

    public static string Markdown(IReadOnlyList<MethodDefinition> methods)
    {
        var text = new StringBuilder();
        Table(
            text,
            ["method", "targets", "calibration", "structured", "options", "what it does"],
            methods.Select(m => new[]
            {
                Code(m.Name), List(m.Targets.Select(PruneTarget.KeyOf)), Statistics(m.Statistics), m.IsStructured ? "yes" : "no",
                m.Options.Count == 0 ? "none" : List(m.Options.Select(o => o.Name)), m.Description,
            }));
        text.Append('\n');
        Table(
            text,
            ["option", "methods", "values", "default", "meaning"],
            methods.SelectMany(m => m.Options).DistinctBy(o => o.Name).Select(o => new[]
            {
                Code(o.Name), string.Join(", ", Owners(methods, o)), Values(o), Code(Show(o.Default)), o.Description,
            }));
        text.Append('\n');
        Table(
            text,
            ["target", "methods", "meaning"],
            TargetKinds.All.Select(t => new[] { Code(t.Key), string.Join(", ", t.Methods(methods)), t.Description }));
        return text.ToString();
    }

    private static void Table(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        Row(text, header);
        Row(text, [.. header.Select(_ => "---")]);
        foreach (var row in rows)
        {
            Row(text, row);
        }
    }

    private static void Row(StringBuilder text, string[] cells) =>
        text.Append("| ").AppendJoin(" | ", cells.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal))).Append(" |\n");

    private static IEnumerable<string> Owners(IReadOnlyList<MethodDefinition> methods, OptionDefinition option) =>
        methods.Where(m => m.FindOption(option.Name) is not null).Select(m => m.Name);

    private static string Statistics(StatisticsNeed statistics) => statistics switch
    {
        StatisticsNeed.None => "no",
        StatisticsNeed.Diagonal => "yes: input norms (diagonal of XᵀX)",
        _ => "yes: XᵀX",
    };

    private static string Values(OptionDefinition option) => option.Type switch
    {
        OptionType.Integer => $"integer {option.Range!.Describe()}",
        OptionType.Number => $"number {option.Range!.Describe()}",
        OptionType.Boolean => "`true` or `false`",
        OptionType.Choice => Alternatives(option.Choices!),
        _ => $"{Code(OptionDefinition.Auto)} or an integer {option.Range!.Describe()}",
    };

    private static string Alternatives(IReadOnlyList<string> words) =>
        $"{string.Join(", ", words.SkipLast(1).Select(Code))} or {Code(words[^1])}";

    private static string List(IEnumerable<string> words) => string.Join(", ", words.Select(Code));

    private static string Code(string word) => $"`{word}`";

    private static string Show(object value) => value switch
    {
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
