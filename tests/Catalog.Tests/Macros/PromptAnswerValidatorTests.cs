using Catalog.Macros;
using Catalog.Machines;

namespace Catalog.Tests.Macros;

public sealed class PromptAnswerValidatorTests
{
    private static readonly Inventory Linux = new()
    {
        OsFamily = OsFamily.Linux,
        Volumes = [new Volume("/", 50_000, 8_000), new Volume("/data", 100_000, 120), new Volume("/srv", 100_000, 90_000)],
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
    };

    private static readonly Inventory Windows = new()
    {
        OsFamily = OsFamily.Windows,
        Volumes = [new Volume("C:", 200_000, 20_000), new Volume("D:\\", 500_000, 300)],
    };

    private static readonly PromptedVolumeMacro VolumePrompt =
        new() { Name = "VOL", Prompt = "Install on which volume?", DefaultVolume = "/srv", MinimumFreeMb = 500 };

    private static readonly PromptedStringMacro PathPrompt =
        new() { Name = "DIR", Prompt = "Folder?", Default = "%*PROGRAMS%/editor", MaximumLength = 260 };

    private static Dictionary<string, string> Answers(params (string Name, string Value)[] answers) =>
        answers.ToDictionary(a => a.Name, a => a.Value);

    private static PromptError Single(IReadOnlyList<MacroDefinition> macros, Dictionary<string, string> answers, Inventory machine) =>
        Assert.Single(PromptAnswerValidator.Validate(macros, answers, machine));

    [Fact]
    public void Valid_answers_give_no_errors()
    {
        var errors = PromptAnswerValidator.Validate([VolumePrompt, PathPrompt], Answers(("VOL", "/srv"), ("DIR", "editor")), Linux);

        Assert.Empty(errors);
    }

    [Fact]
    public void Volume_answer_must_be_on_the_machine()
    {
        var error = Single([VolumePrompt], Answers(("VOL", "X:")), Linux);

        Assert.Equal(new PromptError("VOL", "Volume 'X:' is not on this machine"), error);
    }

    [Fact]
    public void Volume_answer_needs_the_minimum_free_space()
    {
        var error = Single([VolumePrompt], Answers(("VOL", "/data")), Linux);

        Assert.Equal("Needs 500 MB free on /data; 120 MB free", error.Message);
    }

    [Fact]
    public void Volume_with_exactly_the_minimum_free_space_is_accepted()
    {
        var macro = VolumePrompt with { MinimumFreeMb = 120 };

        Assert.Empty(PromptAnswerValidator.Validate([macro], Answers(("VOL", "/data")), Linux));
    }

    [Theory]
    [InlineData("c:")]
    [InlineData("C:\\")]
    [InlineData("c:/")]
    public void Windows_volume_answers_match_drive_letters_ignoring_case_and_trailing_separator(string answer)
    {
        var macro = VolumePrompt with { DefaultVolume = "C:" };

        Assert.Empty(PromptAnswerValidator.Validate([macro], Answers(("VOL", answer)), Windows));
    }

    [Fact]
    public void Linux_volume_names_are_case_sensitive()
    {
        var error = Single([VolumePrompt], Answers(("VOL", "/SRV")), Linux);

        Assert.Equal("Volume '/SRV' is not on this machine", error.Message);
    }

    [Fact]
    public void Volume_default_is_checked_when_no_answer_is_given()
    {
        var macro = VolumePrompt with { DefaultVolume = "/missing" };

        var error = Single([macro], Answers(), Linux);

        Assert.Equal("Volume '/missing' is not on this machine", error.Message);
    }

    [Fact]
    public void Empty_volume_answer_is_refused()
    {
        var error = Single([VolumePrompt], Answers(("VOL", "")), Linux);

        Assert.Equal("VOL needs a volume; none was chosen", error.Message);
    }

    [Fact]
    public void String_answer_longer_than_its_maximum_is_refused()
    {
        var error = Single([PathPrompt], Answers(("DIR", "/srv/" + new string('a', 295))), Linux);

        Assert.Equal("The answer to DIR is 300 characters; the maximum is 260", error.Message);
    }

    [Theory]
    [InlineData("/srv/../etc")]
    [InlineData("..")]
    [InlineData("C:\\apps\\..\\Windows")]
    [InlineData("a/ .. /b")]
    public void Path_answer_with_a_dot_dot_segment_is_refused(string answer)
    {
        var error = Single([PathPrompt], Answers(("DIR", answer)), Linux);

        Assert.Equal("The answer to DIR contains a '..' segment, which is not allowed in a path (path traversal)", error.Message);
    }

    [Fact]
    public void Dots_inside_a_name_are_not_traversal()
    {
        Assert.Empty(PromptAnswerValidator.Validate([PathPrompt], Answers(("DIR", "my..app-v1.2")), Linux));
    }

    [Theory]
    [InlineData("a\nb", "U+000A")]
    [InlineData("a\u001bb", "U+001B")]
    public void Path_answer_with_a_control_character_is_refused(string answer, string character)
    {
        var error = Single([PathPrompt], Answers(("DIR", answer)), Linux);

        Assert.Equal($"The answer to \"Folder?\" contains an invisible character ({character}) at position 2, which is not allowed", error.Message);
    }

    [Fact]
    public void Nul_is_refused_even_when_not_used_in_a_path()
    {
        var macro = PathPrompt with { UsedInPath = false };

        var error = Single([macro], Answers(("DIR", "a\0b")), Linux);

        Assert.Equal("The answer to \"Folder?\" contains an invisible character (U+0000) at position 2, which is not allowed", error.Message);
    }

    [Fact]
    public void Non_path_strings_may_contain_dot_dot_and_slashes()
    {
        var macro = PathPrompt with { UsedInPath = false };

        Assert.Empty(PromptAnswerValidator.Validate([macro], Answers(("DIR", "see ../notes/line two")), Linux));
    }

    [Fact]
    public void Path_answer_with_minimum_free_space_checks_the_volume_containing_it()
    {
        var macro = new PromptedFolderMacro { Name = "DIR", Prompt = "Folder?", AllowedParents = ["/data", "/srv"], MinimumFreeMb = 500 };

        var error = Single([macro], Answers(("DIR", "/data/apps/editor")), Linux);

        Assert.Equal("Needs 500 MB free on /data; 120 MB free", error.Message);
        Assert.Empty(PromptAnswerValidator.Validate([macro], Answers(("DIR", "/srv/apps")), Linux));
    }

    [Fact]
    public void Path_answer_on_no_volume_cannot_be_checked_for_free_space()
    {
        var macro = PathPrompt with { MinimumFreeMb = 500, UsedInPath = false };

        var error = Single([macro], Answers(("DIR", "relative/dir")), Linux);

        Assert.Equal("No volume on this machine contains 'relative/dir', so its 500 MB of free space cannot be checked", error.Message);
    }

    [Fact]
    public void String_default_is_expanded_and_checked_when_no_answer_is_given()
    {
        var macro = PathPrompt with { MinimumFreeMb = 10_000 };

        var error = Single([macro], Answers(), Linux);

        Assert.Equal("Needs 9.8 GB free on /; 7.8 GB free", error.Message);
    }

    [Fact]
    public void Default_that_cannot_expand_is_reported()
    {
        var macro = PathPrompt with { Default = "%*NOPE%/x" };

        var error = Single([macro], Answers(), Linux);

        Assert.Equal("The default of DIR cannot be used: Unknown macro %*NOPE% in '%*NOPE%/x'", error.Message);
    }

    [Fact]
    public void Unknown_answer_names_are_refused()
    {
        var error = Single([PathPrompt], Answers(("DIR", "x"), ("EVIL", "1")), Linux);

        Assert.Equal(new PromptError("EVIL", "There is no prompt named EVIL"), error);
    }

    [Fact]
    public void Answers_to_fixed_macros_are_refused()
    {
        var error = Single([new StringMacro { Name = "FIXED", Value = "v" }], Answers(("fixed", "other")), Linux);

        Assert.Equal(new PromptError("fixed", "Macro FIXED is not prompted, so it cannot be answered"), error);
    }

    [Fact]
    public void Oversized_answers_are_refused_regardless_of_the_macro_limit()
    {
        var macro = PathPrompt with { MaximumLength = int.MaxValue, UsedInPath = false };

        var error = Single([macro], Answers(("DIR", new string('x', 4097))), Linux);

        Assert.Equal("The answer to DIR is 4097 characters; answers are limited to 4096", error.Message);
    }

    [Fact]
    public void Answer_names_match_macros_ignoring_case()
    {
        var errors = PromptAnswerValidator.Validate([VolumePrompt], Answers(("vol", "/data")), Linux);

        Assert.Equal("VOL", Assert.Single(errors).MacroName);
    }

    [Fact]
    public void Every_bad_answer_is_reported()
    {
        var errors = PromptAnswerValidator.Validate([VolumePrompt, PathPrompt], Answers(("VOL", "/nope"), ("DIR", "../x"), ("X", "")), Linux);

        Assert.Equal(["X", "VOL", "DIR"], errors.Select(e => e.MacroName));
    }

    [Fact]
    public void ResolveAnswers_fills_expanded_defaults_and_keeps_given_answers()
    {
        var resolved = PromptAnswerValidator.ResolveAnswers(
            [VolumePrompt, PathPrompt, new StringMacro { Name = "S", Value = "s" }],
            Answers(("vol", "/data"), ("UNKNOWN", "x")),
            Linux);

        Assert.Equal(2, resolved.Count);
        Assert.Equal("/data", resolved["VOL"]);
        Assert.Equal("/opt/editor", resolved["dir"]);
    }

    [Fact]
    public void ResolveAnswers_default_may_reference_another_answer()
    {
        var dir = PathPrompt with { Default = "%VOL%/editor" };

        var resolved = PromptAnswerValidator.ResolveAnswers([VolumePrompt, dir], Answers(("VOL", "/data")), Linux);

        Assert.Equal("/data/editor", resolved["DIR"]);
    }

    [Fact]
    public void ResolveAnswers_throws_when_a_default_cannot_expand()
    {
        var dir = PathPrompt with { Default = "%MISSING%" };

        var exception = Assert.Throws<MacroException>(() => PromptAnswerValidator.ResolveAnswers([dir], Answers(), Linux));

        Assert.Equal("Unknown macro %MISSING% in '%MISSING%'", exception.Message);
    }
}
