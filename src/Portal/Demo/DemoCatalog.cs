using Catalog.Applications;
using Catalog.Dependencies;
using Catalog.Events;
using Catalog.ExternalSoftware;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Packaging;
using Catalog.Requirements;

namespace Portal.Demo;

/// <summary>
/// The demo catalog: applications that show each kind of rule (prompts, a dependency, a conflict, an OS requirement shown
/// unmet, a memory requirement, one hidden when unmet) with small real packages, and a short external-software list.
/// Ids are fixed so that references between demo applications hold and re-seeding finds what exists.
/// </summary>
public static class DemoCatalog
{
    public static readonly Guid TextEditorId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000001");
    public static readonly Guid FontsPackId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000002");
    public static readonly Guid OfficeSuiteId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000003");
    public static readonly Guid LegacyToolId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000004");
    public static readonly Guid WindowsOnlyToolId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000005");
    public static readonly Guid BigDataStudioId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000006");
    public static readonly Guid DiagnosticsId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000007");
    public static readonly Guid ShellUtilitiesId = Guid.Parse("6f1c2a10-0000-4000-8000-000000000008");

    public const string Publisher = "Example Software";

    private static readonly PackagePlatform Linux = new(OsFamily.Linux, "12");

    public static IReadOnlyList<ExternalSoftwareEntry> ExternalSoftware { get; } =
    [
        new() { Name = "bash", MinVersion = "5.0", Notes = "Installed with the operating system (any packager: Debian names its maintainer as publisher)" },
        new() { Name = "coreutils", MinVersion = "8.30", Notes = "Installed with the operating system" },
    ];

    /// <summary>In seeding order: an application comes after those it refers to.</summary>
    public static IReadOnlyList<DemoApplication> Applications { get; } =
    [
        new(
            new Application
            {
                Id = TextEditorId,
                Name = "Text Editor",
                Version = "2.4.0",
                Publisher = Publisher,
                Category = "Editors",
                Icon = "edit_note",
                Description = "A small editor for notes and configuration files. Asks where to install and which volume keeps its backups.",
                Macros =
                [
                    new PromptedFolderMacro
                    {
                        Name = "INSTALLDIR",
                        Prompt = "Install the editor in which folder?",
                        Default = "%*PROGRAMS%/text-editor",
                        AllowedParents = ["%*PROGRAMS%"],
                        MaximumLength = 200,
                        MinimumFreeMb = 1,
                    },
                    new PromptedVolumeMacro
                    {
                        Name = "BACKUPVOLUME",
                        Prompt = "Which volume keeps the editor's backups?",
                        DefaultVolume = "/",
                        MinimumFreeMb = 1,
                    },
                ],
                ProcessNames = ["text-editor"],
                Reporting = new ReportingPolicy
                {
                    Routes = new Dictionary<EventType, ReportingDestinations>
                    {
                        [EventType.DistributionSuccess] = ReportingDestinations.Database,
                        [EventType.DistributionFailure] = ReportingDestinations.Database,
                    },
                },
            },
            Linux,
            Payload("text-editor", "Text Editor 2.4.0"),
            [new PackageSetting("%INSTALLDIR%/editor.ini", "backup", "volume", "%BACKUPVOLUME%")]) { InstallDirectory = "%INSTALLDIR%" },
        new(
            new Application
            {
                Id = FontsPackId,
                Name = "Fonts Pack",
                Version = "1.0.0",
                Publisher = Publisher,
                Category = "Fonts",
                Icon = "font_download",
                Description = "Fonts the Office Suite needs. Installed with it automatically.",
            },
            Linux,
            new Dictionary<string, string> { ["fonts/README.txt"] = "Fonts Pack 1.0.0: example font set.\n", ["fonts/fonts.conf"] = "<fontconfig><dir>fonts</dir></fontconfig>\n" },
            []),
        new(
            new Application
            {
                Id = OfficeSuiteId,
                Name = "Office Suite",
                Version = "7.1.0",
                Publisher = Publisher,
                Category = "Office",
                Icon = "description",
                Description = "Documents, spreadsheets and slides. Brings the Fonts Pack with it.",
                Dependencies = [new Dependency(ApplicationId: FontsPackId, MinVersion: "1.0")],
                Requirements = [new DiskSpaceRequirement("%*PROGRAMS%", 50)],
                ProcessNames = ["office-suite"],
            },
            Linux,
            Payload("office-suite", "Office Suite 7.1.0"),
            []),
        new(
            new Application
            {
                Id = LegacyToolId,
                Name = "Legacy Tool",
                Version = "0.9.0",
                Publisher = Publisher,
                Category = "Utilities",
                Icon = "history",
                Description = "An old reporting tool. It cannot live next to the Office Suite.",
                Conflicts = [new Conflict(ApplicationId: OfficeSuiteId)],
            },
            Linux,
            Payload("legacy-tool", "Legacy Tool 0.9.0"),
            []),
        new(
            new Application
            {
                Id = WindowsOnlyToolId,
                Name = "Windows Only Tool",
                Version = "3.0.0",
                Publisher = Publisher,
                Category = "Utilities",
                Icon = "desktop_windows",
                Platform = new TargetPlatform { OsFamily = OsFamily.Windows },
                Description = "A Windows utility: Linux machines see it, unavailable, with the reason.",
                Requirements = [new OsRequirement(OsFamily.Windows, MinVersion: "10.0") { ShowWhenUnmet = true }],
            },
            new PackagePlatform(OsFamily.Windows, "10.0"),
            new Dictionary<string, string> { ["tool.cmd"] = "@echo Windows Only Tool 3.0.0\r\n" },
            []),
        new(
            new Application
            {
                Id = BigDataStudioId,
                Name = "Big Data Studio",
                Version = "5.2.0",
                Publisher = Publisher,
                Category = "Science",
                Icon = "query_stats",
                Description = "Analyses large data sets in memory; needs a machine with at least 64 GB of RAM and 4 processors.",
                Requirements = [new MemoryRequirement(64 * 1024), new CpuCountRequirement(4)],
            },
            Linux,
            Payload("big-data-studio", "Big Data Studio 5.2.0"),
            []),
        new(
            new Application
            {
                Id = DiagnosticsId,
                Name = "Diagnostics Kit",
                Version = "1.1.0",
                Publisher = Publisher,
                Category = "Utilities",
                Icon = "troubleshoot",
                Description = "Only for machines prepared for diagnostics (PORTAL_DIAGNOSTICS=1); hidden everywhere else.",
                Requirements = [new EnvironmentVariableRequirement("PORTAL_DIAGNOSTICS", "1") { ShowWhenUnmet = false }],
            },
            Linux,
            Payload("diagnostics-kit", "Diagnostics Kit 1.1.0"),
            []),
        new(
            new Application
            {
                Id = ShellUtilitiesId,
                Name = "Shell Utilities",
                Version = "1.2.0",
                Publisher = Publisher,
                Category = "Utilities",
                Icon = "terminal",
                Description = "Handy shell scripts; they need bash 5 or later, installed with the operating system.",
                Dependencies = [new Dependency(ExternalSoftwareName: "bash", MinVersion: "5.0")],
                Scripts = [new ApplicationScript { Stage = ScriptStage.PostInstall, Body = "echo \"Shell Utilities installed\"\n", TimeoutSeconds = 60 }],
            },
            Linux,
            Payload("shell-utilities", "Shell Utilities 1.2.0"),
            []),
    ];

    private static Dictionary<string, string> Payload(string command, string title) => new()
    {
        [$"bin/{command}.sh"] = $"#!/bin/sh\necho \"{title}\"\n",
        ["README.txt"] = $"{title}\nA demo application of the self-service software portal.\n",
    };
}
