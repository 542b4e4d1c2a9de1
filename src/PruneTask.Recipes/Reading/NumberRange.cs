using System.Globalization;

namespace PruneTask.Recipes.Reading;

/// <summary>The values a number field accepts, described the way error messages and docs write them.</summary>
public sealed record NumberRange(double Min, bool MinExclusive, double Max = double.PositiveInfinity, bool MaxExclusive = false)
{
    public static NumberRange Fraction { get; } = new(0, false, 1, true);

    public static NumberRange AtLeast(double min) => new(min, false);

    public static NumberRange Above(double min) => new(min, true);

    public bool Contains(double value) =>
        (MinExclusive ? value > Min : value >= Min) && (MaxExclusive ? value < Max : value <= Max);

    public string Describe()
    {
        if (double.IsPositiveInfinity(Max))
        {
            return MinExclusive ? $"greater than {Show(Min)}" : $"at least {Show(Min)}";
        }

        return $"in {(MinExclusive ? '(' : '[')}{Show(Min)}, {Show(Max)}{(MaxExclusive ? ')' : ']')}";
    }

    private static string Show(double value) => value.ToString(CultureInfo.InvariantCulture);
}
