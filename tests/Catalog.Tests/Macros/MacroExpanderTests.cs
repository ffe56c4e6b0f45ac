using Catalog.Macros;
using Catalog.Machines;

namespace Catalog.Tests.Macros;

public sealed class MacroExpanderTests
{
    private static readonly Dictionary<string, string> Special = new() { ["*PROGRAMS"] = "/opt", ["*HOME"] = "/home/ann" };
    private static readonly Dictionary<string, string> Environment = new() { ["LANG"] = "en_US.UTF-8", ["Path"] = "/usr/bin" };

    private static MacroExpander Create(params MacroDefinition[] definitions) =>
        new(definitions, new Dictionary<string, string>(), Special, Environment);

    [Fact]
    public void Expand_replaces_special_macros()
    {
        Assert.Equal("/opt/editor", Create().Expand("%*PROGRAMS%/editor"));
    }

    [Fact]
    public void Expand_leaves_text_without_macros_alone()
    {
        Assert.Equal("plain text", Create().Expand("plain text"));
        Assert.Equal("", Create().Expand(""));
    }

    [Fact]
    public void Expand_matches_names_case_insensitively()
    {
        var expander = Create(new StringMacro { Name = "AppDir", Value = "x" });

        Assert.Equal("/opt x x", expander.Expand("%*programs% %APPDIR% %appdir%"));
    }

    [Fact]
    public void Expand_resolves_nested_references_recursively()
    {
        var expander = Create(
            new StringMacro { Name = "ROOT", Value = "%*PROGRAMS%/%VENDOR%" },
            new StringMacro { Name = "VENDOR", Value = "acme" },
            new StringMacro { Name = "DIR", Value = "%ROOT%/editor" });

        Assert.Equal("/opt/acme/editor/bin", expander.Expand("%DIR%/bin"));
    }

    [Fact]
    public void Double_percent_is_a_literal_percent_and_is_not_expanded_further()
    {
        var expander = Create(new StringMacro { Name = "RATE", Value = "50%%" });

        Assert.Equal("50% of %*PROGRAMS%", expander.Expand("%RATE% of %%*PROGRAMS%%"));
    }

    [Fact]
    public void Special_macros_take_precedence_over_application_and_environment_macros()
    {
        var expander = new MacroExpander(
            [new StringMacro { Name = "*HOME", Value = "app" }],
            null,
            Special,
            new Dictionary<string, string> { ["*HOME"] = "env" });

        Assert.Equal("/home/ann", expander.Expand("%*HOME%"));
    }

    [Fact]
    public void Application_macros_take_precedence_over_environment_variables()
    {
        var expander = Create(new StringMacro { Name = "LANG", Value = "de_DE" });

        Assert.Equal("de_DE", expander.Expand("%LANG%"));
    }

    [Fact]
    public void Environment_variables_resolve_exactly_then_ignoring_case()
    {
        var expander = new MacroExpander([], null, null, new Dictionary<string, string> { ["path"] = "lower", ["PATH"] = "upper", ["Home"] = "/h" });

        Assert.Equal("lower upper /h", expander.Expand("%path% %PATH% %HOME%"));
    }

    [Fact]
    public void Special_macro_keys_without_star_are_accepted()
    {
        var expander = new MacroExpander([], null, new Dictionary<string, string> { ["PROGRAMS"] = "/srv" }, null);

        Assert.Equal("/srv", expander.Expand("%*PROGRAMS%"));
    }

    [Fact]
    public void Prompted_macros_use_the_answer_literally()
    {
        var expander = new MacroExpander(
            [new PromptedStringMacro { Name = "TARGET", Prompt = "Where?", Default = "%*PROGRAMS%/x" }],
            new Dictionary<string, string> { ["target"] = "/data/100%" },
            Special,
            null);

        Assert.Equal("/data/100%/app", expander.Expand("%TARGET%/app"));
    }

    [Fact]
    public void Prompted_macros_without_an_answer_use_their_expanded_default()
    {
        var expander = Create(
            new PromptedStringMacro { Name = "TARGET", Prompt = "Where?", Default = "%*PROGRAMS%/x" },
            new PromptedVolumeMacro { Name = "VOL", Prompt = "Which volume?", DefaultVolume = "/data" });

        Assert.Equal("/opt/x on /data", expander.Expand("%TARGET% on %VOL%"));
    }

    [Fact]
    public void Unknown_macro_is_named_with_the_text_it_appears_in()
    {
        var exception = Assert.Throws<MacroException>(() => Create().Expand("%*PROGRAMS%/%FOO%"));

        Assert.Equal("Unknown macro %FOO% in '%*PROGRAMS%/%FOO%'", exception.Message);
    }

    [Fact]
    public void Unknown_special_macro_does_not_fall_back_to_the_environment()
    {
        var expander = new MacroExpander([], null, Special, new Dictionary<string, string> { ["*WINDIR"] = "C:\\Windows" });

        var exception = Assert.Throws<MacroException>(() => expander.Expand("%*WINDIR%"));

        Assert.Equal("Unknown macro %*WINDIR% in '%*WINDIR%'", exception.Message);
    }

    [Fact]
    public void Unknown_macro_inside_a_nested_value_names_that_value()
    {
        var expander = Create(new StringMacro { Name = "DIR", Value = "%MISSING%/x" });

        var exception = Assert.Throws<MacroException>(() => expander.Expand("%DIR%"));

        Assert.Equal("Unknown macro %MISSING% in '%MISSING%/x'", exception.Message);
    }

    [Fact]
    public void Two_macro_cycle_is_reported_with_its_chain()
    {
        var expander = Create(
            new StringMacro { Name = "A", Value = "%B%" },
            new StringMacro { Name = "B", Value = "x%A%" });

        var exception = Assert.Throws<MacroException>(() => expander.Expand("%A%"));

        Assert.Equal("Macro cycle: A -> B -> A", exception.Message);
    }

    [Fact]
    public void Self_reference_is_a_cycle()
    {
        var expander = Create(new StringMacro { Name = "SELF", Value = "%self%" });

        var exception = Assert.Throws<MacroException>(() => expander.Expand("%SELF%"));

        Assert.Equal("Macro cycle: SELF -> SELF", exception.Message);
    }

    [Fact]
    public void Cycle_reached_through_a_chain_names_only_the_loop()
    {
        var expander = Create(
            new StringMacro { Name = "TOP", Value = "%A%" },
            new StringMacro { Name = "A", Value = "%B%" },
            new StringMacro { Name = "B", Value = "%C%" },
            new StringMacro { Name = "C", Value = "%A%" });

        var exception = Assert.Throws<MacroException>(() => expander.Expand("%TOP%"));

        Assert.Equal("Macro cycle: A -> B -> C -> A", exception.Message);
    }

    [Fact]
    public void Cycle_through_a_prompted_default_is_detected()
    {
        var expander = Create(
            new PromptedStringMacro { Name = "P", Prompt = "?", Default = "%S%" },
            new StringMacro { Name = "S", Value = "%P%" });

        var exception = Assert.Throws<MacroException>(() => expander.Expand("%S%"));

        Assert.Equal("Macro cycle: S -> P -> S", exception.Message);
    }

    [Fact]
    public void Diamond_references_are_not_cycles()
    {
        var expander = Create(
            new StringMacro { Name = "A", Value = "%B%-%C%" },
            new StringMacro { Name = "B", Value = "%D%" },
            new StringMacro { Name = "C", Value = "%D%" },
            new StringMacro { Name = "D", Value = "d" });

        Assert.Equal("d-d", expander.Expand("%A%"));
    }

    [Fact]
    public void Runaway_doubling_stops_with_a_clear_error()
    {
        var definitions = Enumerable.Range(0, 30)
            .Select(i => (MacroDefinition)new StringMacro { Name = $"M{i}", Value = i == 29 ? "xx" : $"%M{i + 1}%%M{i + 1}%" })
            .ToArray();

        var exception = Assert.Throws<MacroException>(() => Create(definitions).Expand("%M0%"));

        Assert.Contains("produced more than 1000000 characters", exception.Message);
    }

    [Theory]
    [InlineData("50% off", "Unmatched '%' at position 3 in '50% off'; write %% for a literal percent")]
    [InlineData("100%", "Unmatched '%' at position 4 in '100%'; write %% for a literal percent")]
    [InlineData("%A B%", "Unmatched '%' at position 1 in '%A B%'; write %% for a literal percent")]
    [InlineData("%*%", "Unmatched '%' at position 1 in '%*%'; write %% for a literal percent")]
    public void Stray_percent_is_a_syntax_error(string text, string message)
    {
        var exception = Assert.Throws<MacroException>(() => Create().Expand(text));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void ForMachine_expands_special_and_environment_macros_only()
    {
        var expander = MacroExpander.ForMachine(Special, Environment);

        Assert.Equal("/home/ann en_US.UTF-8", expander.Expand("%*HOME% %LANG%"));
    }

    [Fact]
    public void Defaults_for_linux_expand_through_the_expander()
    {
        var expander = new MacroExpander([], null, SpecialMacros.DefaultsFor(OsFamily.Linux, "/home/bob"), null);

        Assert.Equal("/home/bob/.local/share/applications/editor.desktop", expander.Expand("%*APPLICATIONS%/editor.desktop"));
    }
}
