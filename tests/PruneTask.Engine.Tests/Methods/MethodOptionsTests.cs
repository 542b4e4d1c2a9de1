using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;

namespace PruneTask.Engine.Tests.Methods;

public class MethodOptionsTests
{
    [Fact]
    public void Options_not_given_read_as_the_declared_defaults()
    {
        var declared = MethodCatalog.Find(MethodNames.SparseGpt)!;
        var defaults = MethodOptions.Defaults(MethodNames.SparseGpt);

        Assert.Equal(declared.FindOption(OptionNames.BlockSize)!.Default, defaults.Integer(OptionNames.BlockSize));
        Assert.Equal(declared.FindOption(OptionNames.Damping)!.Default, defaults.Number(OptionNames.Damping));
        Assert.Equal(new SparseGptSettings((int)(long)declared.FindOption(OptionNames.BlockSize)!.Default, (double)declared.FindOption(OptionNames.Damping)!.Default), SparseGptSettings.Default);
    }

    [Fact]
    public void Given_values_win_and_All_lists_every_declared_option_in_name_order()
    {
        var options = MethodOptions.For(MethodNames.Osscar, new Dictionary<string, object> { [OptionNames.MaxIter] = 3L, [OptionNames.Groups] = "heads" });

        Assert.Equal(3, options.Integer(OptionNames.MaxIter));
        Assert.Equal(
            ["damping=0.01", "groups=heads", "local_search=False", "max_iter=3", "update_iter=auto"],
            options.All.Select(o => $"{o.Key}={Convert.ToString(o.Value, System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Null(options.IntegerOrAuto(OptionNames.UpdateIter));
        Assert.Equal(2, options.With(OptionNames.UpdateIter, 2L).IntegerOrAuto(OptionNames.UpdateIter));
    }

    [Theory]
    [InlineData(MethodNames.Wanda, "blocksize", 128L)]
    [InlineData(MethodNames.SparseGpt, "blocksize", 128)]
    [InlineData(MethodNames.SparseGpt, "blocksize", 0L)]
    [InlineData(MethodNames.SparseGpt, "damping", "0.05")]
    [InlineData(MethodNames.SparseGpt, "damping", 0.0)]
    [InlineData(MethodNames.Magnitude, "scope", "column")]
    [InlineData(MethodNames.Osscar, "local_search", "true")]
    [InlineData(MethodNames.Osscar, "update_iter", "often")]
    public void Values_outside_the_declaration_are_refused(string method, string option, object value)
    {
        Assert.Throws<ArgumentException>(() => MethodOptions.For(method, new Dictionary<string, object> { [option] = value }));
    }

    [Fact]
    public void An_option_is_read_only_as_its_declared_type()
    {
        var options = MethodOptions.Defaults(MethodNames.SparseGpt);

        Assert.Throws<InvalidOperationException>(() => options.Number(OptionNames.BlockSize));
        Assert.Throws<ArgumentException>(() => options.Choice(OptionNames.Scope));
        Assert.Throws<ArgumentException>(() => MethodOptions.Defaults("prune-everything"));
    }

    [Fact]
    public void Every_declared_choice_of_scope_and_svd_names_an_engine_member()
    {
        var scope = MethodCatalog.Find(MethodNames.Magnitude)!.FindOption(OptionNames.Scope)!;
        var svd = MethodCatalog.Find(MethodNames.Oats)!.FindOption(OptionNames.Svd)!;

        Assert.Equal(Enum.GetValues<MagnitudeScope>(), scope.Choices!.Select(c => MethodOptions.Defaults(MethodNames.Magnitude).With(OptionNames.Scope, c).Choice<MagnitudeScope>(OptionNames.Scope)));
        Assert.Equal(Enum.GetValues<OatsSvd>(), svd.Choices!.Select(c => MethodOptions.Defaults(MethodNames.Oats).With(OptionNames.Svd, c).Choice<OatsSvd>(OptionNames.Svd)));
    }
}
