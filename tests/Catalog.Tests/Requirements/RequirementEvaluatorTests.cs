using Catalog.Applications;
using Catalog.Events;
using Catalog.ExternalSoftware;
using Catalog.Machines;
using Catalog.Requirements;

namespace Catalog.Tests.Requirements;

public sealed class RequirementEvaluatorTests
{
    private static readonly Guid RuntimeId = Guid.Parse("11111111-1111-1111-1111-111111111111");

    private static readonly Inventory Debian = new()
    {
        OsFamily = OsFamily.Linux,
        OsVersion = "12",
        Architecture = CpuArchitecture.X64,
        CpuCount = 2,
        MemoryMb = 2048,
        Volumes = [new Volume("/", 40_000, 10_000), new Volume("/opt", 1_000, 120)],
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt", ["*HOME"] = "/home/ann" },
        Environment = new Dictionary<string, string> { ["LANG"] = "C.UTF-8" },
        Files = new Dictionary<string, FileProbe>
        {
            ["/etc/os-release"] = new(true),
            ["/usr/bin/absent"] = new(false),
            ["/usr/lib/libx.so"] = new(true, "1.5.2"),
            ["/usr/lib/noversion.so"] = new(true),
            ["/opt/tool/tool.bin"] = new(true, "2.0"),
            ["/usr/lib/weird.so"] = new(true, "build-seven"),
        },
        Applications = [new InstalledApplication(RuntimeId, "Runtime", "2.1", DateTimeOffset.UnixEpoch)],
        ExternalSoftware = [new InstalledSoftware("libssl3", "3.0.11-1~deb12u2"), new InstalledSoftware("git", "1:2.39.2-1.1")],
    };

    private static readonly Inventory Windows = new()
    {
        OsFamily = OsFamily.Windows,
        OsVersion = "10.0.19045",
        Volumes = [new Volume("C:", 200_000, 50_000)],
        Environment = new Dictionary<string, string> { ["Path"] = @"C:\Windows" },
        Registry = new Dictionary<string, string> { [@"HKLM\SOFTWARE\Acme\Version"] = "7" },
        Files = new Dictionary<string, FileProbe> { [@"C:\Windows\notepad.exe"] = new(true, "10.0.19041.1 (WinBuild.160101.0800)") },
        SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = @"C:\Program Files" },
    };

    private static Application App(params Requirement[] requirements) =>
        new() { Name = "Editor", Version = "1.0", Requirements = requirements };

    private static string? Check(Requirement requirement, Inventory? inventory = null) =>
        RequirementEvaluator.Check(requirement, inventory ?? Debian, ExternalSoftwareList.Empty);

    [Fact]
    public void All_requirements_met_makes_the_application_available()
    {
        var evaluation = RequirementEvaluator.Evaluate(
            App(new OsRequirement(OsFamily.Linux, "11"), new MemoryRequirement(1024), new CpuCountRequirement(2)),
            Debian,
            ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Available, evaluation.State);
        Assert.Empty(evaluation.Reasons);
        Assert.Equal(EventType.FilterShown, evaluation.FilterEvent);
        Assert.True(evaluation.IsAvailable);
    }

    [Fact]
    public void Unmet_shown_requirement_makes_it_unavailable_with_the_reason()
    {
        var evaluation = RequirementEvaluator.Evaluate(App(new MemoryRequirement(4096)), Debian, ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Unavailable, evaluation.State);
        Assert.Equal(["Needs at least 4 GB of memory; this machine has 2 GB"], evaluation.Reasons);
        Assert.Equal(EventType.FilterShown, evaluation.FilterEvent);
        Assert.False(evaluation.IsAvailable);
    }

    [Fact]
    public void Any_unmet_hiding_requirement_hides_the_application()
    {
        var evaluation = RequirementEvaluator.Evaluate(
            App(new MemoryRequirement(4096), new CpuCountRequirement(8) { ShowWhenUnmet = false }, new CpuCountRequirement(1)),
            Debian,
            ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Hidden, evaluation.State);
        Assert.Equal(2, evaluation.Reasons.Count);
        Assert.Equal(EventType.FilterHidden, evaluation.FilterEvent);
    }

    [Fact]
    public void Met_hiding_requirement_does_not_hide()
    {
        var evaluation = RequirementEvaluator.Evaluate(App(new CpuCountRequirement(2) { ShowWhenUnmet = false }), Debian, ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Available, evaluation.State);
    }

    [Fact]
    public void Application_built_for_another_os_is_hidden()
    {
        var app = App() with { Platform = new TargetPlatform { OsFamily = OsFamily.Windows } };

        var evaluation = RequirementEvaluator.Evaluate(app, Debian, ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Hidden, evaluation.State);
        Assert.Equal(["Built for Windows; this machine runs Linux 12"], evaluation.Reasons);
    }

    [Fact]
    public void Application_built_for_another_architecture_is_hidden()
    {
        var app = App() with { Platform = new TargetPlatform { Architectures = [CpuArchitecture.Arm64] } };

        var evaluation = RequirementEvaluator.Evaluate(app, Debian, ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Hidden, evaluation.State);
        Assert.Equal(["Built for arm64; this machine is x64"], evaluation.Reasons);
    }

    [Fact]
    public void Application_built_for_another_os_with_a_visible_os_requirement_is_unavailable_with_that_reason()
    {
        var app = App() with
        {
            Platform = new TargetPlatform { OsFamily = OsFamily.Windows },
            Requirements = [new OsRequirement(OsFamily.Windows, "10.0") { ShowWhenUnmet = true }],
        };

        var evaluation = RequirementEvaluator.Evaluate(app, Debian, ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Unavailable, evaluation.State);
        Assert.Equal(["Needs Windows 10.0 or later; this machine runs Linux 12"], evaluation.Reasons);
        Assert.Equal(EventType.FilterShown, evaluation.FilterEvent);
    }

    [Fact]
    public void Application_built_for_another_architecture_with_a_hidden_architecture_requirement_stays_hidden()
    {
        var app = App() with
        {
            Platform = new TargetPlatform { Architectures = [CpuArchitecture.Arm64] },
            Requirements = [new ArchitectureRequirement([CpuArchitecture.Arm64]) { ShowWhenUnmet = false }],
        };

        var evaluation = RequirementEvaluator.Evaluate(app, Debian, ExternalSoftwareList.Empty);

        Assert.Equal(ApplicationVisibility.Hidden, evaluation.State);
        Assert.Contains("Built for arm64; this machine is x64", evaluation.Reasons);
    }

    [Theory]
    [InlineData(OsFamily.Windows, null, null, "Needs Windows; this machine runs Linux 12")]
    [InlineData(OsFamily.MacOS, "13", null, "Needs macOS 13 or later; this machine runs Linux 12")]
    [InlineData(OsFamily.Linux, "13", null, "Needs Linux 13 or later; this machine runs Linux 12")]
    [InlineData(OsFamily.Linux, null, "11", "Needs Linux 11 or earlier; this machine runs Linux 12")]
    [InlineData(OsFamily.Linux, "10", "11.9", "Needs Linux 10 to 11.9; this machine runs Linux 12")]
    [InlineData(OsFamily.Linux, "x", null, "The Linux version requirement is invalid: Minimum version 'x' is not a valid version: part 1 ('x') is not a number")]
    public void Os_requirement_reasons(OsFamily family, string? min, string? max, string reason)
    {
        Assert.Equal(reason, Check(new OsRequirement(family, min, max)));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("12", "12")]
    [InlineData("11", "12.9")]
    public void Os_requirement_met(string? min, string? max)
    {
        Assert.Null(Check(new OsRequirement(OsFamily.Linux, min, max)));
    }

    [Fact]
    public void Os_version_with_build_text_is_compared_by_its_leading_version()
    {
        Assert.Null(Check(new OsRequirement(OsFamily.Windows, "10.0.19041"), Windows));
        Assert.Equal("Needs Windows 11 or later; this machine runs Windows 10.0.19045", Check(new OsRequirement(OsFamily.Windows, "11"), Windows));
    }

    [Fact]
    public void Os_version_that_cannot_be_compared_is_unmet()
    {
        var arch = Debian with { OsVersion = "rolling" };

        Assert.Equal("Needs Linux 12 or later; this machine runs Linux 'rolling', which is not a comparable version", Check(new OsRequirement(OsFamily.Linux, "12"), arch));
    }

    [Fact]
    public void Missing_os_version_is_unmet_only_when_a_range_is_given()
    {
        var unknown = Debian with { OsVersion = "" };

        Assert.Equal("Needs Linux 12 or later; this machine did not report its Linux version", Check(new OsRequirement(OsFamily.Linux, "12"), unknown));
        Assert.Null(Check(new OsRequirement(OsFamily.Linux), unknown));
        Assert.Equal("Needs Windows; this machine runs Linux", Check(new OsRequirement(OsFamily.Windows), unknown));
    }

    [Theory]
    [InlineData(new[] { CpuArchitecture.X64 }, null)]
    [InlineData(new[] { CpuArchitecture.Arm64, CpuArchitecture.X64 }, null)]
    [InlineData(new CpuArchitecture[0], null)]
    [InlineData(new[] { CpuArchitecture.Arm64 }, "Needs arm64; this machine is x64")]
    [InlineData(new[] { CpuArchitecture.Arm64, CpuArchitecture.Arm, CpuArchitecture.X86 }, "Needs arm64, arm or x86; this machine is x64")]
    public void Architecture_requirement(CpuArchitecture[] architectures, string? reason)
    {
        Assert.Equal(reason, Check(new ArchitectureRequirement(architectures)));
    }

    [Theory]
    [InlineData(2048, null)]
    [InlineData(2049, "Needs at least 2049 MB of memory; this machine has 2048 MB")]
    [InlineData(65536, "Needs at least 64 GB of memory; this machine has 2 GB")]
    public void Memory_requirement(long minimum, string? reason)
    {
        Assert.Equal(reason, Check(new MemoryRequirement(minimum)));
    }

    [Theory]
    [InlineData(2, null)]
    [InlineData(4, "Needs at least 4 CPUs; this machine has 2")]
    public void Cpu_requirement(int minimum, string? reason)
    {
        Assert.Equal(reason, Check(new CpuCountRequirement(minimum)));
    }

    [Fact]
    public void Cpu_requirement_of_one_is_singular()
    {
        Assert.Equal("Needs at least 1 CPU; this machine has 0", Check(new CpuCountRequirement(1), Debian with { CpuCount = 0 }));
    }

    [Theory]
    [InlineData("/opt", 100, null)]
    [InlineData("/opt", 500, "Needs 500 MB free on /opt; 120 MB free")]
    [InlineData("%*PROGRAMS%", 500, "Needs 500 MB free on /opt; 120 MB free")]
    [InlineData("%*programs%/editor", 500, "Needs 500 MB free on /opt/editor (volume /opt); 120 MB free")]
    [InlineData("/var/lib", 9_000, null)]
    [InlineData("%*HOME%", 20_000, "Needs 19.5 GB free on /home/ann (volume /); 9.8 GB free")]
    [InlineData("relative", 1, "Needs 1 MB free on relative; this machine reports no volume containing relative")]
    [InlineData("%*NOPE%", 1, "Needs 1 MB free on %*NOPE%; this machine cannot resolve it: Unknown macro %*NOPE% in '%*NOPE%'")]
    public void Disk_space_requirement_resolves_macros_and_the_containing_volume(string volume, long minimum, string? reason)
    {
        Assert.Equal(reason, Check(new DiskSpaceRequirement(volume, minimum)));
    }

    [Theory]
    [InlineData("c:", 40_000, null)]
    [InlineData(@"%*PROGRAMS%\Acme", 40_000, null)]
    [InlineData(@"c:\program files", 60_000, @"Needs 58.6 GB free on c:\program files (volume C:); 48.8 GB free")]
    [InlineData("D:", 1, "Needs 1 MB free on D:; this machine reports no volume containing D:")]
    public void Disk_space_on_Windows_matches_drive_letters_ignoring_case(string volume, long minimum, string? reason)
    {
        Assert.Equal(reason, Check(new DiskSpaceRequirement(volume, minimum), Windows));
    }

    [Theory]
    [InlineData("/etc/os-release", true, null)]
    [InlineData("/usr/bin/absent", true, "Needs file /usr/bin/absent to exist; it does not")]
    [InlineData("/usr/bin/absent", false, null)]
    [InlineData("/etc/os-release", false, "Needs file /etc/os-release to be absent; it exists")]
    [InlineData("/never/asked", true, "Needs file /never/asked to exist; it was not reported by the agent yet")]
    [InlineData("/never/asked", false, "Needs file /never/asked to be absent; it was not reported by the agent yet")]
    [InlineData("%*PROGRAMS%/tool/tool.bin", true, null)]
    [InlineData("%*NOPE%/x", true, "Needs file %*NOPE%/x to exist; it was not reported by the agent yet")]
    public void File_exists_requirement(string path, bool mustExist, string? reason)
    {
        Assert.Equal(reason, Check(new FileExistsRequirement(path, mustExist)));
    }

    [Fact]
    public void File_paths_on_Windows_match_ignoring_case()
    {
        Assert.Null(Check(new FileExistsRequirement(@"c:\windows\NOTEPAD.EXE"), Windows));
        Assert.Equal("Needs file /ETC/OS-RELEASE to exist; it was not reported by the agent yet", Check(new FileExistsRequirement("/ETC/OS-RELEASE")));
    }

    [Theory]
    [InlineData("/usr/lib/libx.so", "1.5", "2.0", null)]
    [InlineData("/usr/lib/libx.so", "2.0", null, "Needs file /usr/lib/libx.so at version 2.0 or later; found version 1.5.2")]
    [InlineData("/usr/lib/libx.so", null, "1.5", "Needs file /usr/lib/libx.so at version 1.5 or earlier; found version 1.5.2")]
    [InlineData("/usr/bin/absent", "1.0", null, "Needs file /usr/bin/absent at version 1.0 or later; the file does not exist")]
    [InlineData("/usr/lib/noversion.so", "1.0", null, "Needs file /usr/lib/noversion.so at version 1.0 or later; the file has no version")]
    [InlineData("/usr/lib/weird.so", "1.0", null, "Needs file /usr/lib/weird.so at version 1.0 or later; its version 'build-seven' is not a comparable version")]
    [InlineData("/nowhere.so", "1.0", null, "Needs file /nowhere.so at version 1.0 or later; it was not reported by the agent yet")]
    [InlineData("/usr/lib/libx.so", "2", "1", "The version requirement on file /usr/lib/libx.so is invalid: Minimum version 2 is above maximum version 1")]
    public void File_version_requirement(string path, string? min, string? max, string? reason)
    {
        Assert.Equal(reason, Check(new FileVersionRequirement(path, min, max)));
    }

    [Fact]
    public void File_version_reported_with_build_text_is_compared_by_its_leading_version()
    {
        Assert.Null(Check(new FileVersionRequirement(@"C:\Windows\notepad.exe", "10.0"), Windows));
    }

    [Theory]
    [InlineData("LANG", "C.UTF-8", null)]
    [InlineData("LANG", "en_US.UTF-8", "Needs environment variable LANG to be 'en_US.UTF-8'; it is 'C.UTF-8'")]
    [InlineData("lang", "C.UTF-8", "Needs environment variable lang to be 'C.UTF-8'; it is not set")]
    [InlineData("JAVA_HOME", "/usr/lib/jvm", "Needs environment variable JAVA_HOME to be '/usr/lib/jvm'; it is not set")]
    public void Environment_variable_requirement_on_Linux_is_case_sensitive(string name, string value, string? reason)
    {
        Assert.Equal(reason, Check(new EnvironmentVariableRequirement(name, value)));
    }

    [Fact]
    public void Environment_variable_names_on_Windows_ignore_case_but_values_do_not()
    {
        Assert.Null(Check(new EnvironmentVariableRequirement("PATH", @"C:\Windows"), Windows));
        Assert.Equal(@"Needs environment variable PATH to be 'c:\windows'; it is 'C:\Windows'", Check(new EnvironmentVariableRequirement("PATH", @"c:\windows"), Windows));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("2.0", "2.9", null)]
    [InlineData("3.0", null, "Needs Runtime 3.0 or later installed; version 2.1 is installed")]
    public void Installed_application_requirement(string? min, string? max, string? reason)
    {
        Assert.Equal(reason, Check(new InstalledSoftwareRequirement(RuntimeId, MinVersion: min, MaxVersion: max)));
    }

    [Fact]
    public void Missing_application_is_named_through_the_catalog_when_given()
    {
        var id = Guid.Parse("22222222-2222-2222-2222-222222222222");
        var requirement = new InstalledSoftwareRequirement(id);

        Assert.Equal($"Needs application {id} installed; it is not installed", Check(requirement));
        Assert.Equal("Needs Database Tools installed; it is not installed",
            RequirementEvaluator.Check(requirement, Debian, ExternalSoftwareList.Empty, g => g == id ? "Database Tools" : null));
    }

    [Fact]
    public void Evaluate_passes_the_catalog_names_into_reasons()
    {
        var id = Guid.NewGuid();

        var evaluation = RequirementEvaluator.Evaluate(App(new InstalledSoftwareRequirement(id)), Debian, ExternalSoftwareList.Empty, _ => "Viewer");

        Assert.Equal(["Needs Viewer installed; it is not installed"], evaluation.Reasons);
    }

    [Theory]
    [InlineData("libssl3", null, null)]
    [InlineData("LIBSSL3", "3.0", null)]
    [InlineData("libssl3", "3.1", "Needs libssl3 3.1 or later installed; version 3.0.11-1~deb12u2 is installed")]
    [InlineData("git", "2.39", null)]
    [InlineData("zsh", null, "Needs zsh installed; it is not installed")]
    public void Installed_external_software_requirement(string name, string? min, string? reason)
    {
        Assert.Equal(reason, Check(new InstalledSoftwareRequirement(ExternalSoftwareName: name, MinVersion: min)));
    }

    [Fact]
    public void External_software_is_matched_through_the_published_list_entry()
    {
        var list = ExternalSoftwareList.Empty.Publish([new ExternalSoftwareEntry { Name = "libssl3", MinVersion = "3.1" }], DateTimeOffset.UnixEpoch);

        var reason = RequirementEvaluator.Check(new InstalledSoftwareRequirement(ExternalSoftwareName: "libssl3"), Debian, list);

        Assert.Equal("Needs libssl3 installed; it is not installed", reason);
    }

    [Fact]
    public void Installed_requirement_without_a_target_is_unmet()
    {
        Assert.Equal("The installed-software requirement names no application or software, so it cannot be met", Check(new InstalledSoftwareRequirement()));
        Assert.Equal("The installed-software requirement is invalid: Maximum version 'x' is not a valid version: part 1 ('x') is not a number",
            Check(new InstalledSoftwareRequirement(RuntimeId, MaxVersion: "x")));
    }

    [Theory]
    [InlineData(@"HKLM\SOFTWARE\Acme", "Version", null, null)]
    [InlineData(@"hklm\software\acme", "version", "7", null)]
    [InlineData(@"HKLM\SOFTWARE\Acme", "Version", "8", @"Needs registry value HKLM\SOFTWARE\Acme\Version to be '8'; it is '7'")]
    [InlineData(@"HKLM\SOFTWARE\Acme", "Edition", null, @"Needs registry value HKLM\SOFTWARE\Acme\Edition; it is missing")]
    [InlineData(@"HKLM\SOFTWARE\Acme", "Edition", "Pro", @"Needs registry value HKLM\SOFTWARE\Acme\Edition to be 'Pro'; it is missing")]
    public void Registry_requirement_on_Windows(string key, string valueName, string? expected, string? reason)
    {
        Assert.Equal(reason, Check(new RegistryValueRequirement(key, valueName, expected), Windows));
    }

    [Fact]
    public void Registry_requirement_on_Linux_is_unmet_because_it_applies_only_to_Windows()
    {
        Assert.Equal(@"Registry value HKLM\SOFTWARE\Acme\Version applies only to Windows; this machine runs Linux 12",
            Check(new RegistryValueRequirement(@"HKLM\SOFTWARE\Acme", "Version")));
    }

    private sealed record StrangeRequirement : Requirement;

    [Fact]
    public void Unknown_requirement_kind_is_unmet_rather_than_ignored()
    {
        Assert.Equal("Requirement kind StrangeRequirement is not supported, so it cannot be met", Check(new StrangeRequirement()));
    }

    [Fact]
    public void EvaluateCatalog_evaluates_every_application_and_names_references_from_the_catalog()
    {
        var viewer = App() with { Name = "Viewer", Requirements = [new MemoryRequirement(100_000) { ShowWhenUnmet = false }] };
        var editor = App(new InstalledSoftwareRequirement(viewer.Id));
        var tool = App() with { Name = "Tool" };

        var evaluations = RequirementEvaluator.EvaluateCatalog([viewer, editor, tool], Debian, ExternalSoftwareList.Empty);

        Assert.Equal(3, evaluations.Count);
        Assert.Equal(ApplicationVisibility.Hidden, evaluations[viewer.Id].State);
        Assert.Equal(["Needs Viewer installed; it is not installed"], evaluations[editor.Id].Reasons);
        Assert.Equal(ApplicationVisibility.Available, evaluations[tool.Id].State);
    }
}
