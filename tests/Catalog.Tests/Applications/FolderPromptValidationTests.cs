using Catalog.Applications;
using Catalog.Macros;

namespace Catalog.Tests.Applications;

public sealed class FolderPromptValidationTests
{
    private static Application With(PromptedFolderMacro folder) =>
        new() { Name = "Tool", Version = "1", Macros = [new PromptedVolumeMacro { Name = "VOL", Prompt = "Volume?", DefaultVolume = "/" }, folder] };

    private static readonly PromptedFolderMacro Folder = new()
    {
        Name = "INSTALLDIR",
        Prompt = "Install where?",
        Default = "%*PROGRAMS%/tool",
        AllowedParents = ["%*PROGRAMS%", "%VOL%/apps", "/srv/tools"],
    };

    [Fact]
    public void A_folder_prompt_with_parents_is_valid() => Assert.Empty(ApplicationValidator.Validate(With(Folder)));

    [Fact]
    public void A_folder_prompt_needs_an_allowed_parent()
    {
        var error = Assert.Single(ApplicationValidator.Validate(With(Folder with { AllowedParents = [] })));

        Assert.Equal(new ValidationError("Macros[1].AllowedParents", "Folder prompt INSTALLDIR needs at least one allowed parent location (e.g. %*PROGRAMS%)"), error);
    }

    [Theory]
    [InlineData("relative/dir", "must be a full path or start with a macro")]
    [InlineData("/srv/../etc", "may not contain '.' or '..'")]
    [InlineData("%INSTALLDIR%/x", "refers to the folder prompt itself")]
    [InlineData("%BROKEN", "Unmatched '%'")]
    [InlineData(" ", "is empty")]
    public void Bad_parents_are_reported_at_their_index(string parent, string message)
    {
        var error = Assert.Single(ApplicationValidator.Validate(With(Folder with { AllowedParents = ["%*PROGRAMS%", parent] })),
            e => e.Field == "Macros[1].AllowedParents");

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_default_with_dot_dot_is_refused()
    {
        var error = Assert.Single(ApplicationValidator.Validate(With(Folder with { Default = "%*PROGRAMS%/../etc" })));

        Assert.Equal("Macros[1].Default", error.Field);
    }
}
