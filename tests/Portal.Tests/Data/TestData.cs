using Catalog.Applications;
using Catalog.Dependencies;
using Catalog.Events;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Packaging;
using Catalog.Requirements;

namespace Portal.Tests.Data;

/// <summary>Records with every field set to something other than its default.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.Zero);

    public static Application FullApplication(string name = "Editor", string version = "1.2.0") => new()
    {
        Name = name,
        Version = version,
        Publisher = "Acme",
        Description = "A text editor",
        Category = "Office",
        Icon = "edit",
        Platform = new TargetPlatform { OsFamily = OsFamily.Windows, Architectures = [CpuArchitecture.X64, CpuArchitecture.Arm64] },
        Package = new PackageReference(new string('a', 64), 12345, "editor.zip"),
        Requirements =
        [
            new OsRequirement(OsFamily.Windows, "10", "11"),
            new ArchitectureRequirement([CpuArchitecture.X64]),
            new MemoryRequirement(2048) { ShowWhenUnmet = false },
            new DiskSpaceRequirement("C:", 500),
            new CpuCountRequirement(2),
            new FileExistsRequirement("C:/x.dll", MustExist: false),
            new FileVersionRequirement("C:/y.dll", "1.0", "2.0"),
            new EnvironmentVariableRequirement("LANG", "de"),
            new InstalledSoftwareRequirement(ExternalSoftwareName: "Java", MinVersion: "17"),
            new RegistryValueRequirement(@"HKLM\Software\Acme", "Installed", "1"),
        ],
        Macros =
        [
            new StringMacro { Name = "DIR", Value = "%TARGET%/editor" },
            new PromptedVolumeMacro { Name = "TARGET", Prompt = "Where?", DefaultVolume = "D:", MinimumFreeMb = 100 },
            new PromptedStringMacro { Name = "USER", Prompt = "Name?", Default = "me", MaximumLength = 20, UsedInPath = false },
        ],
        Sources = [new PackageSource("https://mirror.example/editor.zip"), new PackageSource("file:///srv/editor.zip")],
        Dependencies = [new Dependency(ApplicationId: Guid.NewGuid(), MinVersion: "2.0")],
        Conflicts = [new Conflict(ExternalSoftwareName: "OtherEditor", MaxVersion: "3")],
        UninstallPolicy = new UninstallPolicy
        {
            Enabled = true,
            UserMayRequest = false,
            RequiresApproval = false,
            PromptBeforeUninstall = false,
            TerminateProcesses = true,
            UninstallIfUnusedDays = 30,
            RemoveChangedFiles = true,
            RemovableCopyAttributes = [CopyAttribute.Always],
            RemovableSettingAttributes = [SettingAttribute.CreateAlways],
        },
        Scripts = [new ApplicationScript { Stage = ScriptStage.PostInstall, Body = "echo hi", TimeoutSeconds = 9 }],
        Reporting = new ReportingPolicy
        {
            Routes = new Dictionary<EventType, ReportingDestinations>
            {
                [EventType.DistributionFailure] = ReportingDestinations.Database | ReportingDestinations.XmlHttp,
            },
            LogFilePath = "/var/log/editor.log",
            XmlUrl = "https://collector.example/events",
        },
        Availability = new Availability { Mode = AvailabilityMode.Required, Users = ["a@example.test"], Roles = ["Helpdesk"] },
        ForceCache = true,
        ProcessNames = ["editor", "editor-helper"],
    };

    public static Inventory FullInventory() => new()
    {
        OsFamily = OsFamily.Linux,
        OsVersion = "Debian 13",
        Architecture = CpuArchitecture.Arm64,
        CpuCount = 8,
        MemoryMb = 16384,
        HostName = "ws-01",
        Volumes = [new Volume("/", 100_000, 40_000), new Volume("/home", 500_000, 1_000)],
        ExternalSoftware = [new InstalledSoftware("openjdk-17", "17.0.9", "Debian", "dpkg")],
        Applications = [new InstalledApplication(Guid.NewGuid(), "Editor", "1.2.0", Start, Start.AddDays(2))],
        Environment = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["HOME"] = "/home/me" },
        Files = new Dictionary<string, FileProbe> { ["/opt/x"] = new(true, "1.0"), ["/opt/y"] = new(false) },
        Registry = new Dictionary<string, string> { [@"HKLM\A\B"] = "1" },
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
        ReportedAt = Start.AddMinutes(5),
    };
}
