using System.Text;

using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Examples.ModelMaker;

/// <summary>
/// A seeded generator of simple English-like sentences (a small probabilistic grammar), so the example
/// needs no downloaded data and every machine makes the same text for the same seed.
/// </summary>
public sealed class ToyCorpus
{
    private static readonly string[] Names = ["anna", "ben", "clara", "david", "elif", "farid", "grace", "hugo", "ines", "jonas"];
    private static readonly string[] Nouns = ["cat", "dog", "bird", "river", "garden", "teacher", "farmer", "window", "letter", "train", "apple", "city"];
    private static readonly string[] Adjectives = ["small", "red", "quiet", "old", "bright", "heavy", "green", "happy", "cold", "long"];
    private static readonly string[] Verbs = ["sees", "likes", "finds", "paints", "follows", "carries", "opens", "watches", "builds", "remembers"];
    private static readonly string[] Places = ["near the river", "in the garden", "at the station", "under the bridge", "behind the house", "on the hill"];
    private static readonly string[] Times = ["every morning", "at night", "on monday", "in winter", "after lunch", "before the rain"];

    private readonly SplitMix64 _random;

    public ToyCorpus(ulong seed) => _random = new SplitMix64(seed);

    public string Generate(int characters)
    {
        var text = new StringBuilder(characters + 200);
        while (text.Length < characters)
        {
            text.Append(Sentence()).Append(' ');
            if (_random.NextBelow(6) == 0)
            {
                text.Append('\n');
            }
        }

        return text.ToString(0, characters);
    }

    private string Sentence() => _random.NextBelow(4) switch
    {
        0 => $"{Capital(Subject())} {Pick(Verbs)} {NounPhrase()} {Pick(Places)}.",
        1 => $"{Capital(Pick(Times))} {Subject()} {Pick(Verbs)} {NounPhrase()}.",
        2 => $"{Capital(NounPhrase())} is {Pick(Adjectives)} and {Pick(Adjectives)}.",
        _ => $"{Capital(Subject())} counts {Count()} {Pick(Nouns)}s {Pick(Places)}.",
    };

    private string Subject() => _random.NextBelow(2) == 0 ? Pick(Names) : NounPhrase();

    private string NounPhrase() => _random.NextBelow(2) == 0 ? $"the {Pick(Nouns)}" : $"the {Pick(Adjectives)} {Pick(Nouns)}";

    private string Count()
    {
        var first = 2 + (int)_random.NextBelow(7);
        return $"{first} plus {first + 1}";
    }

    private string Pick(string[] words) => words[_random.NextBelow((ulong)words.Length)];

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
