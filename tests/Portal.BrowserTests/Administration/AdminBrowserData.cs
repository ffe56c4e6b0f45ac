using Portal.Data;
using Catalog.Machines;
using Catalog.Packaging;
using Catalog.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Portal.BrowserTests.Infrastructure;

namespace Portal.BrowserTests.Administration;

/// <summary>Data the administration browser tests need beyond the demo seed: a machine for a user and a package file.</summary>
public static class AdminBrowserData
{
    /// <summary>A Linux machine owned by <paramref name="email"/> with 8 GB of memory, 4 processors and plenty of disk.</summary>
    public static async Task<Machine> AddMachineAsync(PortalBrowserFixture portal, string email)
    {
        Guid ownerId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            ownerId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id;
        }

        var machines = portal.Services.GetRequiredService<MachineRepository>();
        var machine = new Machine
        {
            Name = "admin-test-" + Guid.NewGuid().ToString("N")[..6],
            OwnerUserId = ownerId,
            CredentialHash = Guid.NewGuid().ToString("N"),
            EnrolledAt = DateTimeOffset.UtcNow,
        };
        await machines.AddAsync(machine);
        await machines.UpdateInventoryAsync(machine.Id, new Inventory
        {
            OsFamily = OsFamily.Linux,
            OsVersion = "12",
            CpuCount = 4,
            MemoryMb = 8192,
            Volumes = [new Volume("/", 200_000, 100_000)],
            SpecialMacros = new Dictionary<string, string> { ["*PROGRAMS"] = "/opt" },
            ReportedAt = DateTimeOffset.UtcNow,
        }, "10.0.0.7", DateTimeOffset.UtcNow);
        return machine;
    }

    /// <summary>Builds a small Linux package whose files go under %INSTALLDIR%.</summary>
    public static async Task<string> BuildPackageAsync(string name, string version)
    {
        var directory = Directory.CreateTempSubdirectory("admin-browser-package-").FullName;
        await File.WriteAllTextAsync(Path.Combine(directory, "README.txt"), $"{name} {version}\n");
        var manifest = new PackageManifest
        {
            Name = name,
            Version = version,
            Platform = new PackagePlatform(OsFamily.Linux, "12"),
            Files = [new PackageFile("README.txt", "%INSTALLDIR%/README.txt", 0, "")],
        };
        var path = Path.Combine(directory, "browser-tool-1.0.0.zip");
        await PackageWriter.WriteAsync(manifest, directory, path, CompressionChoice.Fastest);
        return path;
    }
}
