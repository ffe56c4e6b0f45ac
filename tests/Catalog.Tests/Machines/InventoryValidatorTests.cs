using Catalog.Agents;
using Catalog.Machines;

namespace Catalog.Tests.Machines;

public sealed class InventoryValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 5, 0, 0, TimeSpan.Zero);

    private static readonly Inventory Good = new()
    {
        HostName = "pc-42",
        OsVersion = "Debian 13",
        CpuCount = 4,
        MemoryMb = 8192,
        Volumes = [new Volume("/", 100_000, 40_000)],
        ExternalSoftware = [new InstalledSoftware("git", "2.47")],
        Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin" },
    };

    [Fact]
    public void A_normal_inventory_is_accepted() => Assert.Null(InventoryValidator.FindProblem(Good, Now));

    [Fact]
    public void Negative_memory_is_refused() =>
        Assert.Equal("The memory (MB) is -1; it must be between 0 and 67108864", InventoryValidator.FindProblem(Good with { MemoryMb = -1 }, Now));

    [Fact]
    public void Too_many_volumes_are_refused()
    {
        var volumes = Enumerable.Range(0, 150_000).Select(i => new Volume($"/mnt/{i}", 10, 5)).ToList();

        Assert.Equal("The inventory lists 150000 volumes; at most 256 are accepted", InventoryValidator.FindProblem(Good with { Volumes = volumes }, Now));
    }

    [Fact]
    public void A_huge_host_name_is_refused() =>
        Assert.Equal("The host name is 16777216 characters; at most 255 are accepted",
            InventoryValidator.FindProblem(Good with { HostName = new string('h', 16 * 1024 * 1024) }, Now));

    [Theory]
    [InlineData("/\n")]
    [InlineData("/mnt/a\u0000b")]
    public void Volume_names_with_control_characters_are_refused(string name) =>
        Assert.Contains("contains a control character", InventoryValidator.FindProblem(Good with { Volumes = [new Volume(name, 10, 5)] }, Now));

    [Fact]
    public void More_free_space_than_size_is_refused() =>
        Assert.Contains("free space of volume /", InventoryValidator.FindProblem(Good with { Volumes = [new Volume("/", 10, 50)] }, Now));

    [Fact]
    public void Unbounded_software_lists_and_long_strings_are_refused()
    {
        var software = Enumerable.Range(0, 20_001).Select(i => new InstalledSoftware($"p{i}", "1")).ToList();

        Assert.Contains("20001 external software entries", InventoryValidator.FindProblem(Good with { ExternalSoftware = software }, Now));
        Assert.Contains("software name is 513 characters", InventoryValidator.FindProblem(Good with { ExternalSoftware = [new InstalledSoftware(new string('x', 513), "1")] }, Now));
        Assert.Contains("value of PATH", InventoryValidator.FindProblem(Good with { Environment = new Dictionary<string, string> { ["PATH"] = new string('x', 9000) } }, Now));
    }

    [Fact]
    public void Unknown_enum_values_are_refused() =>
        Assert.Equal("The OS family 42 is not known", InventoryValidator.FindProblem(Good with { OsFamily = (OsFamily)42 }, Now));

    [Fact]
    public void Usage_for_an_application_the_machine_has_is_accepted()
    {
        var app = new InstalledApplication(Guid.NewGuid(), "Editor", "1.0", Now.AddDays(-3));

        Assert.Null(UsageReportValidator.FindProblem([new UsageReport(app.ApplicationId, Now.AddHours(-1))], [app], Now));
    }

    [Fact]
    public void Usage_reports_are_bounded_and_about_the_machines_own_applications()
    {
        var app = new InstalledApplication(Guid.NewGuid(), "Editor", "1.0", Now.AddDays(-3));
        var other = Guid.NewGuid();

        Assert.Equal($"Application {other} is not installed on this machine, so its usage cannot be reported",
            UsageReportValidator.FindProblem([new UsageReport(other, Now)], [app], Now));
        Assert.Contains("in the future", UsageReportValidator.FindProblem([new UsageReport(app.ApplicationId, Now.AddDays(1))], [app], Now));
        Assert.Contains("before it was installed", UsageReportValidator.FindProblem([new UsageReport(app.ApplicationId, Now.AddDays(-30))], [app], Now));
        Assert.Contains("reported twice", UsageReportValidator.FindProblem([new UsageReport(app.ApplicationId, Now), new UsageReport(app.ApplicationId, Now)], [app], Now));
        Assert.Contains("at most 5000", UsageReportValidator.FindProblem(Enumerable.Range(0, 5001).Select(_ => new UsageReport(app.ApplicationId, Now)).ToList(), [app], Now));
    }
}
