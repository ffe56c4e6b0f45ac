using Catalog.Macros;
using ClientAgent.Engine;

namespace ClientAgent.Tests.Engine;

/// <summary>A user's folder answer reaches the root agent: the agent re-checks it and writes nothing outside the allowed parents.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FolderPromptEngineTests : IDisposable
{
    private const string Prompt = "Install the editor in which folder?";

    private static readonly PromptedFolderMacro Folder = new()
    {
        Name = "INSTALLDIR",
        Prompt = Prompt,
        Default = "%*PROGRAMS%/editor",
        AllowedParents = ["%*PROGRAMS%"],
    };

    private readonly EngineTestContext _context = new();

    public FolderPromptEngineTests()
    {
        Directory.CreateDirectory(Programs);
        Directory.CreateDirectory(Outside);
        File.WriteAllText(Path.Combine(Outside, "victim.txt"), "keep me");
    }

    public void Dispose() => _context.Dispose();

    private string Programs => _context.InTree("programs");
    private string Outside => _context.InTree("outside");

    private Task<EngineResult> InstallWith(string? answer) =>
        _context.InstallAsync(
            _context.NewPackage()
                .File("%INSTALLDIR%/bin/editor", "#!/bin/sh\n")
                .File("%INSTALLDIR%/victim.txt", "overwritten")
                .Setting("%INSTALLDIR%/editor.ini", "main", "dir", "%INSTALLDIR%")
                .Build(),
            macros: [Folder],
            answers: answer is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["INSTALLDIR"] = answer });

    private void AssertNothingWrittenOutside(EngineResult result, IReadOnlyList<string> before)
    {
        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Contains(Prompt, result.Message);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(Outside, "victim.txt")));
        Assert.True(_context.JournalIsEmpty);
        Assert.Null(new ReceiptStore(_context.State).Get("Editor"));
    }

    [Fact]
    public async Task The_default_answer_installs_inside_the_programs_folder()
    {
        var result = await InstallWith(null);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(File.Exists(Path.Combine(Programs, "editor", "bin", "editor")));
        Assert.Contains($"dir={Programs}/editor", File.ReadAllText(Path.Combine(Programs, "editor", "editor.ini")));
    }

    [Fact]
    public async Task A_relative_answer_installs_under_the_first_allowed_parent()
    {
        var result = await InstallWith("my-editor");

        Assert.True(result.Succeeded, result.Message);
        Assert.True(File.Exists(Path.Combine(Programs, "my-editor", "bin", "editor")));
    }

    [Fact]
    public async Task An_absolute_system_folder_is_refused_before_anything_is_written()
    {
        var target = "/etc/clientagent-trust-" + Guid.NewGuid().ToString("N");
        var before = TreeSnapshot.Take(_context.Tree);

        var result = await InstallWith(target);

        AssertNothingWrittenOutside(result, before);
        Assert.Equal($"The answer to \"{Prompt}\" must be a folder inside {Programs}; '{target}' is not.", result.Message);
        Assert.False(Directory.Exists(target));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("editor/../../outside")]
    public async Task Dot_dot_answers_are_refused(string answer)
    {
        var before = TreeSnapshot.Take(_context.Tree);

        AssertNothingWrittenOutside(await InstallWith(answer), before);
    }

    [Fact]
    public async Task A_sibling_with_the_same_prefix_is_refused()
    {
        var before = TreeSnapshot.Take(_context.Tree);

        var result = await InstallWith(Programs + "-outnot");

        AssertNothingWrittenOutside(result, before);
        Assert.False(Directory.Exists(Programs + "-outnot"));
    }

    [Fact]
    public async Task A_folder_reached_through_a_symlinked_parent_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(Programs, "link"), Outside);
        var before = TreeSnapshot.Take(_context.Tree);

        var result = await InstallWith(Path.Combine(Programs, "link", "app"));

        AssertNothingWrittenOutside(result, before);
        Assert.Contains("is a symbolic link", result.Message);
        Assert.False(Directory.Exists(Path.Combine(Outside, "app")));
    }

    [Fact]
    public async Task A_folder_that_is_itself_a_link_is_refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(Programs, "editor"), Outside);
        var before = TreeSnapshot.Take(_context.Tree);

        var result = await InstallWith(Path.Combine(Programs, "editor"));

        AssertNothingWrittenOutside(result, before);
        Assert.False(Directory.Exists(Path.Combine(Outside, "bin")));
    }

    [Theory]
    [InlineData("\u2215..\u2215outside")]
    [InlineData("\uFF0E\uFF0E/outside")]
    [InlineData("editor\u2028")]
    [InlineData("edi\u200Btor")]
    [InlineData("\u202Erotide")]
    public async Task Unicode_look_alikes_and_invisible_characters_are_refused(string suffix)
    {
        var before = TreeSnapshot.Take(_context.Tree);

        AssertNothingWrittenOutside(await InstallWith(Programs + "/" + suffix), before);
    }

    [Theory]
    [InlineData("/\n")]
    [InlineData("/ ")]
    [InlineData("/definitely-not-a-mount-point")]
    public async Task A_volume_that_is_not_a_mount_point_is_refused(string answer)
    {
        var volume = new PromptedVolumeMacro { Name = "VOL", Prompt = "Which volume?", DefaultVolume = "/" };
        var package = _context.NewPackage().Setting(_context.InTree("programs/app.ini"), "backup", "volume", "%VOL%").Build();
        var before = TreeSnapshot.Take(_context.Tree);

        var result = await _context.InstallAsync(package, macros: [volume], answers: new Dictionary<string, string> { ["VOL"] = answer });

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.True(result.Message.StartsWith("Volume '") || result.Message.Contains("\"Which volume?\" contains an invisible character"), result.Message);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
    }

    [Fact]
    public async Task A_string_prompt_used_in_a_target_may_not_carry_separators_even_when_flagged_otherwise()
    {
        var name = new PromptedStringMacro { Name = "NAME", Prompt = "Name of the folder?", UsedInPath = false };
        var package = _context.NewPackage().File("%*PROGRAMS%/%NAME%/x.txt", "x").Build();
        var before = TreeSnapshot.Take(_context.Tree);

        var result = await _context.InstallAsync(package, macros: [name], answers: new Dictionary<string, string> { ["NAME"] = "../outside" });

        Assert.Equal(EngineOutcome.Failed, result.Outcome);
        Assert.Equal(before, TreeSnapshot.Take(_context.Tree));
    }
}
