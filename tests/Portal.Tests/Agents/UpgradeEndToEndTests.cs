using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Catalog.Applications;

namespace Portal.Tests.Agents;

/// <summary>
/// In-place upgrades with the portal and the agent as separate processes: 1.0 installed → 2.0 published → the catalog
/// and the Updates API offer Update → a 2.0 whose post-install script fails rolls back to the exact 1.0 tree and receipt
/// → a sound 2.0 ("Update all") leaves exactly the tree a fresh 2.0 install leaves.
/// </summary>
public sealed class UpgradeEndToEndTests : IDisposable
{
    private const string AdminEmail = "upgrade-admin@example.org";
    private const string AdminPassword = "Upgr4de-Passw0rd!";
    private readonly TempDirectory _temp = new();
    private readonly RealProcesses _processes = new(Log);

    private static readonly Dictionary<string, string> Version1Files = new()
    {
        ["%*PROGRAMS%/notes/bin/notes"] = "notes 1.0",
        ["%*PROGRAMS%/notes/legacy/importer.txt"] = "only 1.0 has this",
        ["%*PROGRAMS%/notes/readme.txt"] = "read me 1.0",
    };

    private static readonly Dictionary<string, string> Version2Files = new()
    {
        ["%*PROGRAMS%/notes/bin/notes"] = "notes 2.0",
        ["%*PROGRAMS%/notes/plugins/sync.txt"] = "new in 2.0",
        ["%*PROGRAMS%/notes/readme.txt"] = "read me 2.0",
    };

    [Fact]
    public async Task Version2_IsOfferedAsUpdate_AFailedUpdateRollsBackExactly_AndTheUpdateLeavesExactlyTheFresh20Tree()
    {
        var (http, machineId, programs, state) = await StartPortalAndAgentAsync();
        var applicationId = await CreateApplicationAsync(http, "Notes", "1.0", Version1Files);
        var installed = await RealProcessApi.WaitForJobAsync(http, (await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync(
            $"/api/machines/{machineId}/installs", new { applicationId, answers = new { } })))["jobId"]!.GetValue<Guid>());
        Assert.StartsWith("Succeeded:", installed, StringComparison.Ordinal);
        await WaitForInstalledVersionAsync(http, machineId, "1.0");
        var tree10 = Tree(programs);
        var receipts10 = Tree(Path.Combine(state, "receipts"));
        Assert.Contains(tree10, line => line.StartsWith("f notes/legacy/importer.txt ", StringComparison.Ordinal));

        // The administrator publishes 2.0 (new version, then its package); its post-install script fails.
        await PublishAsync(http, applicationId, "2.0", Version2Files, [new ApplicationScript { Stage = ScriptStage.PostInstall, Body = "echo 'sync service did not start' >&2; exit 5" }]);
        var card = await CatalogEntryAsync(http, machineId, applicationId);
        Assert.Equal("UpdateAvailable", card["installState"]!.GetValue<string>());
        Assert.Equal("1.0", card["installedVersion"]!.GetValue<string>());
        Assert.Equal("2.0", card["version"]!.GetValue<string>());
        Assert.Equal("Update", card["installAction"]!.GetValue<string>());
        var updates = (await RealProcessApi.ReadJsonAsync(await http.GetAsync($"/api/machines/{machineId}/updates"))).AsArray();
        Assert.Equal(applicationId, Assert.Single(updates)!["applicationId"]!.GetValue<Guid>());

        var failed = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId, answers = new { } }));
        var failedJob = failed["jobId"]!.GetValue<Guid>();
        Assert.Equal("Upgrade", failed["jobs"]![0]!["kind"]!.GetValue<string>());
        var outcome = await RealProcessApi.WaitForJobAsync(http, failedJob);
        Assert.StartsWith("RolledBack:", outcome, StringComparison.Ordinal);
        Assert.Contains("Notes 1.0 is installed as before", outcome, StringComparison.Ordinal);
        Assert.Equal(tree10, Tree(programs));
        Assert.Equal(receipts10, Tree(Path.Combine(state, "receipts")));
        card = await CatalogEntryAsync(http, machineId, applicationId);
        Assert.Equal("1.0", card["installedVersion"]!.GetValue<string>());
        Assert.Equal("UpdateAvailable", card["installState"]!.GetValue<string>());

        // A sound 2.0 package replaces the broken one; "Update all" updates the machine.
        await PublishAsync(http, applicationId, "2.0", Version2Files, []);
        var all = (await RealProcessApi.ReadJsonAsync(await http.PostAsync($"/api/machines/{machineId}/updates", null))).AsArray();
        var outcomeOfAll = Assert.Single(all)!;
        Assert.Null(outcomeOfAll["error"]);
        Assert.StartsWith("Succeeded:", await RealProcessApi.WaitForJobAsync(http, outcomeOfAll["jobId"]!.GetValue<Guid>()), StringComparison.Ordinal);
        await WaitForInstalledVersionAsync(http, machineId, "2.0");
        Assert.Equal("Installed", (await CatalogEntryAsync(http, machineId, applicationId))["installState"]!.GetValue<string>());
        Assert.Empty((await RealProcessApi.ReadJsonAsync(await http.GetAsync($"/api/machines/{machineId}/updates"))).AsArray());

        // Exactly the tree a fresh install of the same 2.0 package leaves (installed by the agent's CLI elsewhere).
        var freshPrograms = _temp.Sub("fresh-programs");
        var package = await TestPackage.BuildAsync(_temp.Sub("fresh-package"), "Notes", "2.0", Version2Files);
        var fresh = await RealAgentProcess.RunToEndAsync("install", package.Path, "--state-dir", _temp.Sub("fresh-state"), "--macro", $"*PROGRAMS={freshPrograms}");
        Assert.True(fresh.ExitCode == 0, fresh.Output);
        Assert.Equal(Tree(freshPrograms), Tree(programs));
        Assert.DoesNotContain(Tree(programs), line => line.Contains("legacy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ADowngradeIsRefusedUntilTheAdministratorAllowsIt()
    {
        var (http, machineId, programs, _) = await StartPortalAndAgentAsync();
        var applicationId = await CreateApplicationAsync(http, "Notes", "2.0", Version2Files);
        Assert.StartsWith("Succeeded:", await RealProcessApi.WaitForJobAsync(http, (await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync(
            $"/api/machines/{machineId}/installs", new { applicationId, answers = new { } })))["jobId"]!.GetValue<Guid>()), StringComparison.Ordinal);
        await WaitForInstalledVersionAsync(http, machineId, "2.0");

        await PublishAsync(http, applicationId, "1.0", Version1Files, []);
        var card = await CatalogEntryAsync(http, machineId, applicationId);
        Assert.Equal("Installed", card["installState"]!.GetValue<string>());
        Assert.Null(card["installAction"]);
        Assert.Contains("does not allow going back", card["updateRefusal"]!.GetValue<string>(), StringComparison.Ordinal);
        var refused = await http.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId, answers = new { } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("does not allow going back", JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        await PublishAsync(http, applicationId, "1.0", Version1Files, [], allowDowngrade: true);
        card = await CatalogEntryAsync(http, machineId, applicationId);
        Assert.Equal("Downgrade", card["installAction"]!.GetValue<string>());
        Assert.StartsWith("Succeeded:", await RealProcessApi.WaitForJobAsync(http, (await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync(
            $"/api/machines/{machineId}/installs", new { applicationId, answers = new { } })))["jobId"]!.GetValue<Guid>()), StringComparison.Ordinal);
        Assert.Equal("notes 1.0", await File.ReadAllTextAsync(Path.Combine(programs, "notes", "bin", "notes")));
    }

    [Fact]
    public async Task AProductThatReplacesAnotherIsOffered_AndTheOldOneIsRemovedAfterItInstalls()
    {
        var (http, machineId, programs, _) = await StartPortalAndAgentAsync();
        var oldId = await CreateApplicationAsync(http, "Notes", "1.0", Version1Files);
        Assert.StartsWith("Succeeded:", await RealProcessApi.WaitForJobAsync(http, (await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync(
            $"/api/machines/{machineId}/installs", new { applicationId = oldId, answers = new { } })))["jobId"]!.GetValue<Guid>()), StringComparison.Ordinal);
        await WaitForInstalledVersionAsync(http, machineId, "1.0");

        var newId = await CreateApplicationAsync(http, "Jotter", "3.0",
            new Dictionary<string, string> { ["%*PROGRAMS%/jotter/jotter"] = "jotter 3.0" }, supersedes: oldId);
        var card = await CatalogEntryAsync(http, machineId, newId);
        Assert.Equal("UpdateAvailable", card["installState"]!.GetValue<string>());
        Assert.Equal("Notes 1.0", card["replaces"]!.GetValue<string>());
        Assert.Equal("Update", card["installAction"]!.GetValue<string>());

        var chain = (await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync($"/api/machines/{machineId}/installs", new { applicationId = newId, answers = new { } })))["jobs"]!.AsArray();
        Assert.Equal(["Install", "Uninstall"], chain.Select(j => j!["kind"]!.GetValue<string>()));
        Assert.StartsWith("Succeeded:", await RealProcessApi.WaitForJobAsync(http, chain[1]!["id"]!.GetValue<Guid>()), StringComparison.Ordinal);
        Assert.Equal("jotter 3.0", await File.ReadAllTextAsync(Path.Combine(programs, "jotter", "jotter")));
        Assert.False(Directory.Exists(Path.Combine(programs, "notes")));
    }

    private async Task<(HttpClient Http, Guid MachineId, string Programs, string State)> StartPortalAndAgentAsync()
    {
        var (_, http) = await RealPortalProcess.StartAsync(_processes, _temp.Sub("portal-data"), AdminEmail, AdminPassword);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await RealPortalProcess.LoginAsync(http, AdminEmail, AdminPassword));
        var state = _temp.Sub("agent-state");
        var programs = _temp.Sub("programs");
        var (machineId, _) = await RealAgentProcess.EnrollAndRunAsync(_processes, http, AdminEmail, state, programs, "upgrade-machine");
        return (http, machineId, programs, state);
    }

    private async Task<Guid> CreateApplicationAsync(
        HttpClient http, string name, string version, IReadOnlyDictionary<string, string> files, Guid? supersedes = null)
    {
        var application = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync("/api/applications", new
        {
            name,
            version,
            supersedes,
            uninstallPolicy = new { requiresApproval = false, promptBeforeUninstall = false },
        }));
        var applicationId = application["id"]!.GetValue<Guid>();
        await UploadAsync(http, applicationId, name, version, files, []);
        return applicationId;
    }

    /// <summary>Publishes a version: PUT the application with the new version, then PUT its package.</summary>
    private async Task PublishAsync(
        HttpClient http, Guid applicationId, string version, IReadOnlyDictionary<string, string> files, IReadOnlyList<ApplicationScript> scripts,
        bool allowDowngrade = false)
    {
        var current = await RealProcessApi.ReadJsonAsync(await http.GetAsync($"/api/applications/{applicationId}"));
        current["version"] = version;
        current["allowDowngrade"] = allowDowngrade;
        await RealProcessApi.ReadJsonAsync(await http.PutAsJsonAsync($"/api/applications/{applicationId}", current));
        await UploadAsync(http, applicationId, current["name"]!.GetValue<string>(), version, files, scripts);
    }

    private async Task UploadAsync(
        HttpClient http, Guid applicationId, string name, string version, IReadOnlyDictionary<string, string> files, IReadOnlyList<ApplicationScript> scripts)
    {
        var package = await TestPackage.BuildAsync(_temp.Sub($"package-{name}-{version}-{Guid.NewGuid():N}"), name, version, files, scripts);
        using var upload = new ByteArrayContent(package.Bytes);
        upload.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        await RealProcessApi.ReadJsonAsync(await http.PutAsync($"/api/applications/{applicationId}/package?fileName={name}-{version}.zip", upload));
    }

    private static async Task<JsonNode> CatalogEntryAsync(HttpClient http, Guid machineId, Guid applicationId) =>
        (await RealProcessApi.ReadJsonAsync(await http.GetAsync($"/api/catalog?machineId={machineId}"))).AsArray()
        .Single(i => i!["applicationId"]!.GetValue<Guid>() == applicationId)!;

    private static Task WaitForInstalledVersionAsync(HttpClient http, Guid machineId, string version) =>
        RealProcessApi.WaitForMachineAsync(http, machineId, machine => machine["installedApplications"]!.AsArray()
            .Any(a => a!["version"]!.GetValue<string>() == version));

    /// <summary>Every directory and file below <paramref name="root"/> with its SHA-256, relative and sorted.</summary>
    private static List<string> Tree(string root) =>
        [.. Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories)
            .Select(path => Directory.Exists(path)
                ? $"d {Path.GetRelativePath(root, path)}"
                : $"f {Path.GetRelativePath(root, path)} {Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))}")
            .Order(StringComparer.Ordinal)];

    private static void Log(string line)
    {
        if (Environment.GetEnvironmentVariable("UPGRADE_E2E_LOG") is { Length: > 0 } path)
        {
            lock (AdminEmail)
            {
                File.AppendAllText(path, line + "\n");
            }
        }
    }

    public void Dispose()
    {
        _processes.Dispose();
        _temp.Dispose();
    }
}
