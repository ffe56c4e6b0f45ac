using Portal.Data;
using Catalog.Packaging;
using ClientAgent.Engine;
using Microsoft.Extensions.DependencyInjection;
using Portal.Demo;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Trust;

/// <summary>The demo Text Editor, as seeded, installed by the real engine: default answers work, a system folder does not.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DemoFolderPromptInstallTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = PortalFactory.WithDemo();
    private readonly string _root = Directory.CreateTempSubdirectory("trust-demo-install-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    private string Programs => Path.Combine(_root, "programs");

    private async Task<EngineResult> InstallTextEditorAsync(Dictionary<string, string> answers)
    {
        _ = _portal.Server;
        var editor = (await _portal.Services.GetRequiredService<ApplicationRepository>().GetAsync(DemoCatalog.TextEditorId))!;
        var sha = editor.Package!.Sha256;
        using var package = PackageReader.Open(Path.Combine(_portal.DataDirectory, "packages", sha[..2], sha));
        var progress = new Progress<EngineProgress>();
        return await new InstallEngine(new AgentStateDirectory(Path.Combine(_root, "state"))).InstallAsync(
            new InstallOptions
            {
                Package = package,
                Macros = editor.Macros,
                Answers = answers,
                MacroOverrides = new Dictionary<string, string>
                {
                    ["*PROGRAMS"] = Programs,
                    ["*ENVIRONMENT"] = Path.Combine(_root, "environment.d"),
                    ["*APPLICATIONS"] = Path.Combine(_root, "applications"),
                },
            },
            progress,
            CancellationToken.None);
    }

    [Fact]
    public async Task The_demo_editor_installs_with_the_default_answers()
    {
        var result = await InstallTextEditorAsync([]);

        Assert.True(result.Succeeded, result.Message);
        Assert.True(Directory.Exists(Path.Combine(Programs, "text-editor")));
        Assert.Contains("volume=/", await File.ReadAllTextAsync(Path.Combine(Programs, "text-editor", "editor.ini")));
    }

    [Fact]
    public async Task The_demo_editor_refuses_a_system_folder_and_writes_nothing()
    {
        var target = "/etc/trust-demo-" + Guid.NewGuid().ToString("N");

        var result = await InstallTextEditorAsync(new() { ["INSTALLDIR"] = target });

        Assert.False(result.Succeeded);
        Assert.StartsWith("The answer to \"Install the editor in which folder?\" must be a folder inside", result.Message);
        Assert.False(Directory.Exists(target));
        Assert.False(Directory.Exists(Programs));
    }
}
