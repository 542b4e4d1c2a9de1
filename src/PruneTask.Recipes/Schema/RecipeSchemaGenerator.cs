using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Schema;

/// <summary>
/// Writes prune.schema.json (JSON Schema draft-07). The sections no method changes (model, calibration, output,
/// cache, allocation, evaluate, rule selection) come from recipe-schema.template.json, embedded in this assembly;
/// everything a method declares is generated from <see cref="MethodCatalog"/> and <see cref="TargetKinds"/>: the
/// method enum, one definition per target kind and per option, and the fields of <c>defaults</c> and of a rule,
/// with one <c>if method: X then …</c> branch per method that allows only that method's own target kinds and
/// options (so an editor names a misplaced field), and the sentences of the allocation and calibration descriptions
/// that name target kinds or methods. The text is byte-stable: fixed order, two-space indents, '\n'.
/// </summary>
public static class RecipeSchemaGenerator
{
    private const string TemplateName = "recipe-schema.template.json";
    private const string VariableReference = "#/definitions/variableReference";
    private const string Strategy = "strategy";

    private static readonly JsonSerializerOptions _format = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Generate() => Generate(MethodCatalog.Methods);

    /// <summary>The schema for a given list of methods (the catalog's, or a test's).</summary>
    public static string Generate(IReadOnlyList<MethodDefinition> methods)
    {
        var schema = Template();
        var definitions = schema["definitions"]!.AsObject();
        var defaults = Detach(definitions, "defaults");
        var rule = Detach(definitions, "rule");
        var options = methods.SelectMany(m => m.Options).DistinctBy(o => o.Name).ToList();

        definitions[MethodSettingsReader.MethodKey] = MethodSchema(methods);
        foreach (var target in TargetKinds.All)
        {
            definitions[target.Key] = TargetSchema(target, methods);
        }

        foreach (var option in options)
        {
            definitions[option.Name] = OptionSchema(option, methods);
        }

        Append(definitions[LayerRuleReader.Allocation]!, $"Only {Enumerate(TargetKinds.All.Where(t => t.IsAllocatable).Select(t => $"`{t.Key}`"))} targets are allocated.");
        Append(schema["properties"]!["calibration"]!, $"{Enumerate(methods.Where(m => m.NeedsCalibration).Select(m => $"`{m.Name}`"))}.");

        var methodFields = new MethodFields(methods, options);
        defaults["allOf"] = methodFields.Branches([]);
        definitions["defaults"] = defaults;
        definitions["rule"] = Rule(rule, methodFields);
        return schema.ToJsonString(_format) + "\n";
    }

    private static JsonObject Template()
    {
        using var stream = typeof(RecipeSchemaGenerator).Assembly.GetManifestResourceStream(TemplateName)
            ?? throw new InvalidOperationException($"{TemplateName} is not embedded in {typeof(RecipeSchemaGenerator).Assembly.GetName().Name}.");
        return JsonNode.Parse(stream)!.AsObject();
    }

    /// <summary>Ends a template section's description with words the declarations decide.</summary>
    private static void Append(JsonNode section, string words) =>
        section["description"] = $"{section["description"]!.GetValue<string>()} {words}";

    private static string Enumerate(IEnumerable<string> words)
    {
        var list = words.ToList();
        return list.Count == 1 ? list[0] : $"{string.Join(", ", list[..^1])} and {list[^1]}";
    }

    private static JsonObject Detach(JsonObject parent, string name) => DetachNode(parent, name).AsObject();

    private static JsonNode DetachNode(JsonObject parent, string name)
    {
        var node = parent[name]!;
        parent.Remove(name);
        return node;
    }

    private static JsonObject MethodSchema(IReadOnlyList<MethodDefinition> methods) => new()
    {
        ["description"] = "The pruning method. " + string.Join(" ", methods.Select(m => $"`{m.Name}`: {m.Description}")),
        ["anyOf"] = WithVariable(new JsonObject { ["type"] = "string", ["enum"] = Strings(methods.Select(m => m.Name)) }),
        ["examples"] = Strings([methods[0].Name]),
    };

    private static JsonObject TargetSchema(TargetKindDefinition target, IReadOnlyList<MethodDefinition> methods)
    {
        var value = target.Range is { } range
            ? Bounded("number", range)
            : new JsonObject { ["type"] = "string", ["pattern"] = target.Syntax };
        return new JsonObject
        {
            ["description"] = $"Target ({string.Join(", ", target.Methods(methods))}): {target.Description}",
            ["anyOf"] = WithVariable(value),
            ["examples"] = new JsonArray(Scalar(target.Example)),
        };
    }

    private static JsonObject OptionSchema(OptionDefinition option, IReadOnlyList<MethodDefinition> methods)
    {
        var owners = methods.Where(m => m.FindOption(option.Name) is not null).Select(m => m.Name);
        JsonObject[] values = option.Type switch
        {
            OptionType.Integer => [Bounded("integer", option.Range!)],
            OptionType.Number => [Bounded("number", option.Range!)],
            OptionType.Boolean => [new JsonObject { ["type"] = "boolean" }],
            OptionType.Choice => [new JsonObject { ["type"] = "string", ["enum"] = Strings(option.Choices!) }],
            _ => [new JsonObject { ["type"] = "string", ["enum"] = Strings([OptionDefinition.Auto]) }, Bounded("integer", option.Range!)],
        };
        return new JsonObject
        {
            ["description"] = $"{string.Join(", ", owners)}: {option.Description}",
            ["anyOf"] = WithVariable(values),
            ["default"] = Scalar(option.Default),
        };
    }

    /// <summary>
    /// A rule: the template's selection fields (match, regex, skip, allocation) join the method fields in every
    /// branch; its constraints stay, and two more follow that name method fields: <c>skip: true</c> takes none of
    /// them, and OWL allocation takes no target kind it cannot vary.
    /// </summary>
    private static JsonObject Rule(JsonObject rule, MethodFields methodFields)
    {
        var selection = Detach(rule, "properties");
        var constraints = DetachNode(rule, "allOf").AsArray();
        var allOf = methodFields.Branches([.. selection.Select(p => p.Key)]);
        foreach (var constraint in constraints.ToList())
        {
            allOf.Add(constraint!.DeepClone());
        }

        allOf.Add(AnyOf(
            Not(new JsonObject { ["properties"] = new JsonObject { [LayerRuleReader.Skip] = new JsonObject { ["enum"] = new JsonArray(true) } }, ["required"] = Strings([LayerRuleReader.Skip]) }),
            Not(AnyOf([.. methodFields.Names.Append(LayerRuleReader.Allocation).Select(Required)]))));
        var owl = new JsonObject { ["properties"] = new JsonObject { [Strategy] = new JsonObject { ["enum"] = Strings([AllocationStrategy.Owl.ToString().ToLowerInvariant()]) } }, ["required"] = Strings([Strategy]) };
        foreach (var target in TargetKinds.All.Where(t => !t.IsAllocatable))
        {
            allOf.Add(AnyOf(
                Not(new JsonObject { ["properties"] = new JsonObject { [LayerRuleReader.Allocation] = owl.DeepClone() }, ["required"] = Strings([LayerRuleReader.Allocation]) }),
                Not(Required(target.Key))));
        }

        rule["allOf"] = allOf;
        return rule;
    }

    private static JsonObject Bounded(string type, NumberRange range)
    {
        var schema = new JsonObject { ["type"] = type };
        if (!double.IsNegativeInfinity(range.Min))
        {
            schema[range.MinExclusive ? "exclusiveMinimum" : "minimum"] = Number(range.Min);
        }

        if (!double.IsPositiveInfinity(range.Max))
        {
            schema[range.MaxExclusive ? "exclusiveMaximum" : "maximum"] = Number(range.Max);
        }

        return schema;
    }

    /// <summary>Whole numbers as integers, so an integer bound reads 1, not 1.0.</summary>
    private static JsonValue Number(double value) =>
        value == Math.Floor(value) && Math.Abs(value) < 1e15 ? JsonValue.Create((long)value) : JsonValue.Create(value);

    private static JsonValue Scalar(object value) => value switch
    {
        long integer => JsonValue.Create(integer),
        double number => JsonValue.Create(number),
        bool flag => JsonValue.Create(flag),
        string text => JsonValue.Create(text),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "A default or example is a long, double, bool or string."),
    };

    private static JsonArray WithVariable(params JsonObject[] values) =>
        [.. values, new JsonObject { ["$ref"] = VariableReference }];

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => JsonValue.Create(v))];

    private static JsonObject Required(string field) => new() { ["required"] = Strings([field]) };

    private static JsonObject Not(JsonObject schema) => new() { ["not"] = schema };

    private static JsonObject AnyOf(params JsonObject[] schemas) => new() { ["anyOf"] = new JsonArray([.. schemas]) };

    private static JsonObject Reference(string definition) => new() { ["$ref"] = $"#/definitions/{definition}" };

    /// <summary>The fields of <c>defaults</c> or a rule that depend on the method: method, one target, options.</summary>
    private sealed class MethodFields(IReadOnlyList<MethodDefinition> methods, IReadOnlyList<OptionDefinition> options)
    {
        /// <summary>Every method field: method, each target kind, each option of some method.</summary>
        public IEnumerable<string> Names => [MethodSettingsReader.MethodKey, .. TargetsAndOptions];

        private IEnumerable<string> TargetsAndOptions => [.. TargetKinds.All.Select(t => t.Key), .. options.Select(o => o.Name)];

        /// <summary>
        /// The mapping's branches: one that lists every field (with <paramref name="ownFields"/>, the mapping's
        /// fields that are not method fields), one <c>if</c>/<c>then</c> per method that allows only its own, and
        /// one that allows a single target.
        /// </summary>
        public JsonArray Branches(IReadOnlyList<string> ownFields)
        {
            var every = Properties([MethodSettingsReader.MethodKey, .. ownFields, .. TargetsAndOptions]);
            var branches = new JsonArray(new JsonObject
            {
                ["description"] = "Every field some method takes; the `then` of the named method below allows only that method's own, so a misplaced option or target is named.",
                ["properties"] = every,
                ["additionalProperties"] = false,
            });
            foreach (var method in methods)
            {
                branches.Add(Branch(method, ownFields));
            }

            var targets = TargetKinds.All.Select(t => t.Key).ToList();
            var pairs = targets.SelectMany((first, i) => targets.Skip(i + 1).Select(second => new JsonObject { ["required"] = Strings([first, second]) }));
            branches.Add(Not(AnyOf([.. pairs])));
            return branches;
        }

        private static JsonObject Branch(MethodDefinition method, IReadOnlyList<string> ownFields)
        {
            var properties = Properties(ownFields);
            properties[MethodSettingsReader.MethodKey] = new JsonObject
            {
                ["description"] = method.Description,
                ["type"] = "string",
                ["enum"] = Strings([method.Name]),
            };
            foreach (var field in method.Targets.Select(PruneTarget.KeyOf).Concat(method.Options.Select(o => o.Name)))
            {
                properties[field] = Reference(field);
            }

            return new JsonObject
            {
                ["if"] = new JsonObject
                {
                    ["properties"] = new JsonObject { [MethodSettingsReader.MethodKey] = new JsonObject { ["const"] = method.Name } },
                    ["required"] = Strings([MethodSettingsReader.MethodKey]),
                },
                ["then"] = new JsonObject { ["properties"] = properties, ["additionalProperties"] = false },
            };
        }

        private static JsonObject Properties(IEnumerable<string> fields) =>
            new(fields.Select(f => KeyValuePair.Create<string, JsonNode?>(f, Reference(f))));
    }
}
