using System.Globalization;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Methods;

/// <summary>
/// One layer's options for its method, read with the types and defaults of the method's declaration in
/// <see cref="MethodCatalog"/>: the values the recipe resolved (every option, defaults filled in) or, for an option not
/// given, the declared default. An option the method does not declare, or a value outside its declared type or range,
/// is refused, so the engine takes exactly what a recipe can send.
/// </summary>
public sealed class MethodOptions
{
    private readonly IReadOnlyDictionary<string, object> _given;

    private MethodOptions(MethodDefinition method, IReadOnlyDictionary<string, object> given)
    {
        Method = method;
        _given = given;
    }

    public MethodDefinition Method { get; }

    /// <summary>Every declared option with its value, given or default, in name order.</summary>
    public IEnumerable<KeyValuePair<string, object>> All =>
        Method.Options.OrderBy(o => o.Name, StringComparer.Ordinal).Select(o => KeyValuePair.Create(o.Name, _given.GetValueOrDefault(o.Name, o.Default)));

    /// <param name="given">Option values by recipe name (long, double, bool or string), as in a resolved layer.</param>
    public static MethodOptions For(string method, IReadOnlyDictionary<string, object> given)
    {
        var definition = MethodCatalog.Find(method)
            ?? throw new ArgumentException($"'{method}' is not a method; methods: {string.Join(", ", MethodCatalog.Names)}.", nameof(method));
        foreach (var (name, value) in given)
        {
            var option = definition.FindOption(name)
                ?? throw new ArgumentException($"'{name}' is not an option of {method}; its options: {Describe(definition)}.", nameof(given));
            Check(definition, option, value);
        }

        return new MethodOptions(definition, new SortedDictionary<string, object>(given.ToDictionary(), StringComparer.Ordinal));
    }

    public static MethodOptions Defaults(string method) => For(method, new Dictionary<string, object>());

    public MethodOptions With(string name, object value) =>
        For(Method.Name, new Dictionary<string, object>(_given) { [name] = value });

    public long Integer(string name) => (long)Value(name, OptionType.Integer);

    public double Number(string name) => Convert.ToDouble(Value(name, OptionType.Number), CultureInfo.InvariantCulture);

    public bool Boolean(string name) => (bool)Value(name, OptionType.Boolean);

    public string Choice(string name) => (string)Value(name, OptionType.Choice);

    /// <summary>The integer, or null for <c>auto</c> (which a resolved recipe has already replaced).</summary>
    public long? IntegerOrAuto(string name) => Value(name, OptionType.IntegerOrAuto) as long?;

    /// <summary>The choice as the enum member of the same name (<c>randomized</c> → <c>Randomized</c>).</summary>
    public TEnum Choice<TEnum>(string name)
        where TEnum : struct, Enum =>
        Enum.Parse<TEnum>(Choice(name), ignoreCase: true);

    private object Value(string name, OptionType type)
    {
        var option = Method.FindOption(name) ?? throw new ArgumentException($"{Method.Name} has no option '{name}'.", nameof(name));
        if (option.Type != type)
        {
            throw new InvalidOperationException($"{Method.Name}'s option '{name}' is declared {option.Type}, not {type}.");
        }

        return _given.GetValueOrDefault(name, option.Default);
    }

    private static void Check(MethodDefinition method, OptionDefinition option, object value)
    {
        if (!option.Accepts(value))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{method.Name} option '{option.Name}' must be {option.DescribeValues()}, not '{value}'."));
        }
    }

    private static string Describe(MethodDefinition method) =>
        method.Options.Count == 0 ? "none" : string.Join(", ", method.Options.Select(o => o.Name));
}
