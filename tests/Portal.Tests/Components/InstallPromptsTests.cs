using Bunit;
using Catalog.Applications;
using Catalog.Machines;
using Catalog.Macros;
using Portal.Components.SelfService;
using Portal.SelfService;

namespace Portal.Tests.Components;

public sealed class InstallPromptsTests : IAsyncLifetime
{
    private static readonly Inventory Machine = new()
    {
        Volumes = [new Volume("/", 200_000, 100_000), new Volume("/data", 1_000, 50)],
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
    };

    private readonly BunitContext _context = MudTestContext.Create();

    internal static InstallPreview Preview(params PromptedMacro[] prompts)
    {
        var application = new Application { Name = "Editor", Version = "2.0.0", Macros = [.. prompts] };
        return new InstallPreview
        {
            Application = application,
            Machine = new Machine { Name = "pc", CredentialHash = "x", Inventory = Machine },
            Inventory = Machine,
            Prompts = prompts,
            Defaults = prompts.ToDictionary(p => p.Name, p => p is PromptedVolumeMacro v ? v.DefaultVolume : ((PromptedStringMacro)p).Default),
        };
    }

    private (IRenderedComponent<InstallPrompts> Prompts, List<IReadOnlyDictionary<string, string>> Validations, Dictionary<string, string> Answers) Render(
        InstallPreview preview, Dictionary<string, string>? answers = null)
    {
        var validations = new List<IReadOnlyDictionary<string, string>>();
        answers ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cut = _context.Render<InstallPrompts>(p => p
            .Add(c => c.Preview, preview)
            .Add(c => c.Answers, answers)
            .Add(c => c.OnValidated, errors => validations.Add(errors)));
        return (cut, validations, answers);
    }

    [Fact]
    public void A_volume_prompt_offers_each_volume_and_disables_those_without_the_free_space()
    {
        var (cut, _, _) = Render(Preview(new PromptedVolumeMacro { Name = "INSTALLVOL", Prompt = "Install on", DefaultVolume = "/", MinimumFreeMb = 500 }));

        Assert.Equal("Install on", cut.Find("legend").TextContent);
        var radios = cut.FindAll("input[type=radio]");
        Assert.Equal(2, radios.Count);
        Assert.False(radios[0].HasAttribute("disabled"));
        Assert.True(radios[1].HasAttribute("disabled"));
        Assert.Contains("/ — 97.7 GB free", cut.Markup);
        Assert.Contains("/data — only 50 MB free", cut.Markup);
        Assert.Contains("Needs at least 500 MB free.", cut.Markup);
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public void A_string_prompt_counts_characters_and_never_cuts_input_at_the_maximum()
    {
        var (cut, validations, answers) = Render(Preview(new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder name", Default = "editor", MaximumLength = 10 }));

        var input = cut.Find("input[data-testid=prompt-FOLDER]");
        // MudBlazor writes its own large default maxlength; what matters is that the prompt's maximum does not cut typing.
        Assert.True(!input.HasAttribute("maxlength") || int.Parse(input.GetAttribute("maxlength")!, System.Globalization.CultureInfo.InvariantCulture) > 10);
        Assert.Equal("6 / 10 characters", cut.Find("[data-testid=counter-FOLDER]").TextContent);

        cut.Find("input[data-testid=prompt-FOLDER]").Input("a-folder-name-too-long");

        Assert.Equal("a-folder-name-too-long", answers["FOLDER"]);
        Assert.Equal("22 / 10 characters", cut.Find("[data-testid=counter-FOLDER]").TextContent);
        Assert.Equal("Too long: 22 characters, at most 10 are allowed.", cut.Find("[data-testid=error-FOLDER]").TextContent);
        Assert.True(validations[^1].ContainsKey("FOLDER"));
    }

    [Fact]
    public void A_path_answer_with_a_step_up_is_refused_in_plain_words_and_accepted_once_fixed()
    {
        var (cut, validations, _) = Render(Preview(new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder name", Default = "editor", MaximumLength = 40 }));

        cut.Find("input[data-testid=prompt-FOLDER]").Input("../escape");

        var error = cut.Find("[data-testid=error-FOLDER]").TextContent;
        Assert.Equal("A folder cannot contain “..” (a step up); enter the folder itself.", error);
        Assert.DoesNotContain("FOLDER", error);

        cut.Find("input[data-testid=prompt-FOLDER]").Input("escape");

        Assert.Empty(cut.FindAll("[data-testid=error-FOLDER]"));
        Assert.Empty(validations[^1]);
    }

    [Fact]
    public void Prompts_appear_in_the_order_the_administrator_defined_them()
    {
        var (cut, _, _) = Render(Preview(
            new PromptedVolumeMacro { Name = "INSTALLVOL", Prompt = "Install on", DefaultVolume = "/" },
            new PromptedStringMacro { Name = "FOLDER", Prompt = "Folder name", Default = "editor", MaximumLength = 20 }));

        Assert.Equal(["Install on", "Folder name"], cut.FindAll("legend").Select(l => l.TextContent));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
