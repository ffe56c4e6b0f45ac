using Catalog.Applications;
using Catalog.Machines;
using Catalog.Requirements;

namespace Catalog.Tests.Requirements;

public sealed class RequirementDescriberTests
{
    public static TheoryData<Requirement, string> Cases => new()
    {
        { new OsRequirement(OsFamily.Linux), "Runs Linux" },
        { new OsRequirement(OsFamily.Windows, "10", "11"), "Runs Windows 10 to 11" },
        { new OsRequirement(OsFamily.MacOS, "13"), "Runs macOS 13 or later" },
        { new OsRequirement(OsFamily.Linux, "x"), "Runs Linux (invalid range x to -)" },
        { new ArchitectureRequirement([CpuArchitecture.X64, CpuArchitecture.Arm64]), "Processor architecture x64 or arm64" },
        { new ArchitectureRequirement([]), "Any processor architecture" },
        { new MemoryRequirement(4096), "At least 4 GB of memory" },
        { new CpuCountRequirement(4), "At least 4 CPUs" },
        { new CpuCountRequirement(1), "At least 1 CPU" },
        { new DiskSpaceRequirement("%*PROGRAMS%", 500), "At least 500 MB free on %*PROGRAMS%" },
        { new FileExistsRequirement("/etc/x"), "File /etc/x exists" },
        { new FileExistsRequirement("/etc/x", MustExist: false), "File /etc/x does not exist" },
        { new FileVersionRequirement("/usr/lib/x.so", null, "2.0"), "File /usr/lib/x.so at version 2.0 or earlier" },
        { new EnvironmentVariableRequirement("LANG", "C"), "Environment variable LANG is 'C'" },
        { new InstalledSoftwareRequirement(ExternalSoftwareName: "libssl3", MinVersion: "3.0"), "libssl3 3.0 or later installed (external software)" },
        { new InstalledSoftwareRequirement(), "Installed software (none named)" },
        { new RegistryValueRequirement(@"HKLM\SOFTWARE\Acme", "Version"), @"Registry value HKLM\SOFTWARE\Acme\Version exists (Windows)" },
        { new RegistryValueRequirement(@"HKLM\SOFTWARE\Acme", "Version", "7"), @"Registry value HKLM\SOFTWARE\Acme\Version is '7' (Windows)" },
        { new MemoryRequirement(512) { ShowWhenUnmet = false }, "At least 512 MB of memory (hidden when unmet)" },
        { new MemoryRequirement(65536), "At least 64 GB of memory" },
        { new DiskSpaceRequirement("/", 1536), "At least 1.5 GB free on /" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Describe_gives_plain_english(Requirement requirement, string expected)
    {
        Assert.Equal(expected, RequirementDescriber.Describe(requirement));
    }

    [Fact]
    public void Describe_names_applications_through_the_lookup()
    {
        var id = Guid.Parse("33333333-3333-3333-3333-333333333333");
        var requirement = new InstalledSoftwareRequirement(id, MinVersion: "2");

        Assert.Equal("Runtime 2 or later installed", RequirementDescriber.Describe(requirement, _ => "Runtime"));
        Assert.Equal($"application {id} 2 or later installed", RequirementDescriber.Describe(requirement));
    }

    [Fact]
    public void Probes_list_each_file_and_registry_value_once()
    {
        Application[] apps =
        [
            new() { Name = "A", Version = "1", Requirements = [new FileExistsRequirement("/a"), new FileVersionRequirement("/b", "1"), new RegistryValueRequirement("HKLM\\X", "V")] },
            new() { Name = "B", Version = "1", Requirements = [new FileExistsRequirement("/a"), new RegistryValueRequirement("hklm\\x", "v"), new MemoryRequirement(1)] },
        ];

        Assert.Equal(["/a", "/b"], RequirementProbes.FilesToProbe(apps));
        Assert.Equal(["HKLM\\X\\V"], RequirementProbes.RegistryValuesToProbe(apps));
    }

    [Theory]
    [InlineData(512, "512 MB")]
    [InlineData(1536, "1.5 GB")]
    [InlineData(65_536, "64 GB")]
    [InlineData(2_097_152, "2 TB")]
    [InlineData(1_572_864, "1.5 TB")]
    public void Sizes_ReadAsPeopleSayThem(long mb, string text) => Assert.Equal(text, RequirementDescriber.Size(mb));

    [Fact]
    public void TwoSizesThatWouldReadTheSame_AreGivenInMegabytes()
    {
        Assert.Equal(("2049 MB", "2048 MB"), RequirementDescriber.Sizes(2049, 2048));
        Assert.Equal(("3 TB", "2 TB"), RequirementDescriber.Sizes(3_145_728, 2_097_152));
    }
}
