using Catalog.Applications;
using Catalog.Macros;
using Portal.Administration.Drafts;

namespace Portal.Tests.Trust;

/// <summary>The application editor's draft keeps a folder prompt's allowed parents through an edit.</summary>
public sealed class MacroDraftTests
{
    [Fact]
    public void A_folder_prompt_round_trips_through_the_editor_draft()
    {
        var folder = new PromptedFolderMacro
        {
            Name = "INSTALLDIR", Prompt = "Where?", Default = "%*PROGRAMS%/tool", AllowedParents = ["%*PROGRAMS%", "%VOL%/apps"], MaximumLength = 120, MinimumFreeMb = 5,
        };

        var draft = MacroDraft.From(folder);

        Assert.Equal(MacroKind.PromptedFolder, draft.Kind);
        Assert.Equal("%*PROGRAMS%; %VOL%/apps", draft.AllowedParents);
        Assert.Equivalent(folder, draft.ToMacro(), strict: true);
    }

    [Fact]
    public void Parents_typed_with_spaces_and_empty_parts_become_a_clean_list()
    {
        var draft = new MacroDraft { Kind = MacroKind.PromptedFolder, Name = " DIR ", Prompt = "Where?", AllowedParents = " %*PROGRAMS% ;; /srv/apps ;" };

        var macro = Assert.IsType<PromptedFolderMacro>(draft.ToMacro());

        Assert.Equal(["%*PROGRAMS%", "/srv/apps"], macro.AllowedParents);
        Assert.Equal("DIR", macro.Name);
    }

    [Fact]
    public void A_new_folder_prompt_from_the_editor_is_valid_with_its_default_parent()
    {
        var draft = new MacroDraft { Kind = MacroKind.PromptedFolder, Name = "DIR", Prompt = "Where?", Default = "%*PROGRAMS%/tool" };

        Assert.Empty(ApplicationValidator.Validate(new Application { Name = "Tool", Version = "1", Macros = [draft.ToMacro()] }));
    }
}
