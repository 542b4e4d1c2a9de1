using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Resolution;

/// <summary>
/// The fields a layer has gathered from <c>defaults</c> and its matching rules, applied in order, field by
/// field. Changing the method drops options inherited for the old one; a rule with method fields clears an
/// earlier skip; the rule that last set the target or an allocation names the layer's allocation group.
/// </summary>
internal sealed class LayerSettings
{
    public const string DefaultsLabel = "defaults";

    public bool Skip { get; private set; }

    public Located<string>? Method { get; private set; }

    public Located<PruneTarget>? Target { get; private set; }

    public Dictionary<string, Located<object>> Options { get; } = [];

    public string? Group { get; private set; }

    public Located<AllocationSettings>? GroupAllocation { get; private set; }

    public List<string> Sources { get; } = [];

    public bool HasMethodFields => Method is not null || Target is not null || Options.Count > 0;

    public void Apply(MethodSettings settings, string label)
    {
        Sources.Add(label);
        if (settings.Method is { } method)
        {
            if (Method is not null && Method.Value != method.Value)
            {
                Options.Clear();
            }

            Method = method;
        }

        if (settings.Target is { } target)
        {
            Target = target;
            Group = label;
            GroupAllocation = null;
        }

        foreach (var (name, value) in settings.Options)
        {
            Options[name] = value;
        }
    }

    public void Apply(LayerRule rule)
    {
        Apply(rule.Settings, rule.Label);
        if (rule.Skip is { } skip)
        {
            Skip = skip.Value;
        }
        else if (!rule.Settings.IsEmpty || rule.Allocation is not null)
        {
            Skip = false;
        }

        if (rule.Allocation is { } allocation)
        {
            Group = rule.Label;
            GroupAllocation = allocation;
        }
    }
}
