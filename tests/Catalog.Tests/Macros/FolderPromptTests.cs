using Catalog.Macros;
using Catalog.Machines;
using Catalog.Packaging;

namespace Catalog.Tests.Macros;

public sealed class FolderPromptTests
{
    private static readonly Inventory Linux = new()
    {
        OsFamily = OsFamily.Linux,
        Volumes = [new Volume("/", 50_000, 8_000), new Volume("/data", 100_000, 50_000)],
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt/programs" },
    };

    private static readonly PromptedVolumeMacro Volume =
        new() { Name = "VOL", Prompt = "Which volume?", DefaultVolume = "/" };

    private static readonly PromptedFolderMacro Folder = new()
    {
        Name = "INSTALLDIR",
        Prompt = "Install the editor in which folder?",
        Default = "%*PROGRAMS%/editor",
        AllowedParents = ["%*PROGRAMS%", "%VOL%/apps"],
    };

    private static IReadOnlyList<PromptError> Validate(string? answer, string? volume = null)
    {
        var answers = new Dictionary<string, string>();
        if (answer is not null)
        {
            answers["INSTALLDIR"] = answer;
        }

        if (volume is not null)
        {
            answers["VOL"] = volume;
        }

        return PromptAnswerValidator.Validate([Volume, Folder], answers, Linux);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("/opt/programs/editor")]
    [InlineData("/opt/programs/editor/")]
    [InlineData("/opt/programs/tools/editor 2")]
    [InlineData("/apps/editor")]
    [InlineData("mine")]
    [InlineData("Éditeur")]
    public void Folders_inside_an_allowed_parent_are_accepted(string? answer) => Assert.Empty(Validate(answer));

    [Fact]
    public void The_allowed_parent_may_be_the_chosen_volume()
    {
        Assert.Empty(Validate("/data/apps/editor", volume: "/data"));
        Assert.Single(Validate("/apps/editor", volume: "/data"));
    }

    [Theory]
    [InlineData("/etc/x")]
    [InlineData("/etc/cron.d")]
    [InlineData("/root/.ssh")]
    [InlineData("/opt/programs-outnot")]
    [InlineData("/opt/programs-outnot/x")]
    [InlineData("/opt/programs")]
    [InlineData("/opt")]
    [InlineData("/")]
    public void Folders_outside_every_allowed_parent_are_refused_with_the_prompt_text(string answer)
    {
        var error = Assert.Single(Validate(answer));

        Assert.Equal("INSTALLDIR", error.MacroName);
        Assert.Equal(
            $"The answer to \"Install the editor in which folder?\" must be a folder inside /opt/programs or /apps; '{answer}' is not",
            error.Message);
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("/opt/programs/../../etc")]
    [InlineData("/opt/programs/./x")]
    [InlineData("/opt/programs//x")]
    [InlineData("..")]
    public void Dot_segments_are_refused(string answer)
    {
        var error = Assert.Single(Validate(answer));

        Assert.StartsWith("The answer to \"Install the editor in which folder?\" may not contain '.', '..' or empty parts", error.Message);
    }

    [Theory]
    [InlineData("/opt/programs\u2215..\u2215..\u2215etc")]
    [InlineData("/opt/programs/\uFF0E\uFF0E/x")]
    [InlineData("/opt/programs/a\u2024\u2024b")]
    [InlineData("/opt/programs/a\u00A0b")]
    [InlineData("\uFF0Fetc")]
    public void Look_alike_characters_are_refused(string answer)
    {
        var error = Assert.Single(Validate(answer));

        Assert.Contains("a character that looks like another one", error.Message);
    }

    [Fact]
    public void A_cyrillic_look_alike_of_the_parent_is_outside_it()
    {
        var error = Assert.Single(Validate("/\u043Ept/programs/x"));

        Assert.Contains("must be a folder inside /opt/programs", error.Message);
    }

    [Theory]
    [InlineData("/opt/programs/a\u2028b")]
    [InlineData("/opt/programs/a\u200Bb")]
    [InlineData("/opt/programs/a\u202Eb")]
    [InlineData("/opt/programs/a\uFEFFb")]
    [InlineData("/opt/programs/a\nb")]
    public void Invisible_characters_are_refused(string answer)
    {
        var error = Assert.Single(Validate(answer));

        Assert.Contains("contains an invisible character", error.Message.Replace("a broken character", "an invisible character"));
    }

    [Fact]
    public void A_default_outside_the_parents_is_reported_as_the_default()
    {
        var folder = Folder with { Default = "/srv/editor" };

        var error = Assert.Single(PromptAnswerValidator.Validate([Volume, folder], new Dictionary<string, string>(), Linux));

        Assert.StartsWith("The default of \"Install the editor in which folder?\" must be a folder inside", error.Message);
    }

    [Fact]
    public void No_allowed_parent_means_no_answer_is_accepted()
    {
        var folder = Folder with { AllowedParents = [] };

        var error = Assert.Single(PromptAnswerValidator.Validate([folder], new Dictionary<string, string> { ["INSTALLDIR"] = "/opt/programs/x" }, Linux));

        Assert.Contains("the administrator listed no allowed locations", error.Message);
    }

    [Fact]
    public void A_relative_answer_resolves_under_the_first_parent()
    {
        var resolved = PromptAnswerValidator.ResolveAnswers([Volume, Folder], new Dictionary<string, string> { ["INSTALLDIR"] = "mine" }, Linux);

        Assert.Equal("/opt/programs/mine", resolved["INSTALLDIR"]);
        Assert.Equal("/opt/programs/mine", new MacroExpander([Folder], new Dictionary<string, string> { ["INSTALLDIR"] = "mine" }, Linux.SpecialMacros).Expand("%INSTALLDIR%"));
    }

    [Fact]
    public void Windows_parents_compare_ignoring_case_and_either_separator()
    {
        var windows = new Inventory { OsFamily = OsFamily.Windows, Volumes = [new Volume("C:", 1000, 1000)] };
        var folder = new PromptedFolderMacro { Name = "D", Prompt = "Where?", AllowedParents = [@"C:\Program Files"] };

        Assert.Empty(PromptAnswerValidator.Validate([folder], new Dictionary<string, string> { ["D"] = @"c:/program files\Editor" }, windows));
        Assert.Single(PromptAnswerValidator.Validate([folder], new Dictionary<string, string> { ["D"] = @"C:\Program Files (x86)\Editor" }, windows));
    }

    [Fact]
    public void Folder_prompts_round_trip_through_json()
    {
        var json = System.Text.Json.JsonSerializer.Serialize<MacroDefinition>(Folder, Catalog.Serialization.CatalogJson.Options);
        var back = Assert.IsType<PromptedFolderMacro>(System.Text.Json.JsonSerializer.Deserialize<MacroDefinition>(json, Catalog.Serialization.CatalogJson.Options));

        Assert.Contains("\"promptedFolder\"", json);
        Assert.Equal(Folder.AllowedParents, back.AllowedParents);
        Assert.Equal(Folder.Default, back.Default);
    }

    [Fact]
    public void String_prompts_used_in_targets_must_be_single_names()
    {
        var name = new PromptedStringMacro { Name = "NAME", Prompt = "Folder name?", UsedInPath = false };
        var manifest = new PackageManifest
        {
            Name = "x",
            Version = "1",
            Platform = new PackagePlatform(OsFamily.Linux, "any"),
            Files = [new PackageFile("a", "%BASE%/bin/a", 1, "")],
        };
        var macros = new MacroDefinition[] { name, new StringMacro { Name = "BASE", Value = "%*PROGRAMS%/%NAME%" } };

        var used = PathMacroAnalysis.MacrosUsedIn(PackagePathTemplates.Of(manifest), macros);
        var answers = new Dictionary<string, string> { ["NAME"] = "../../etc/cron.d" };

        Assert.Equal(["BASE", "NAME"], used.Order());
        Assert.Empty(PromptAnswerValidator.Validate(macros, new Dictionary<string, string> { ["NAME"] = "a/b" }, Linux));
        var error = Assert.Single(PromptAnswerValidator.Validate(macros, new Dictionary<string, string> { ["NAME"] = "a/b" }, Linux, used));
        Assert.Equal("The answer to \"Folder name?\" must be a single name without / or \\", error.Message);
        Assert.Single(PromptAnswerValidator.Validate(macros, answers, Linux, used));
    }

    [Theory]
    [InlineData("/\n")]
    [InlineData("/ ")]
    [InlineData(" /")]
    [InlineData("/data/")]
    [InlineData("/DATA")]
    public void Volume_answers_must_equal_a_reported_mount_point(string answer)
    {
        var errors = PromptAnswerValidator.Validate([Volume], new Dictionary<string, string> { ["VOL"] = answer }, Linux);

        Assert.Single(errors);
        Assert.DoesNotContain('\n', errors[0].Message);
    }
}
