using Catalog.Applications;
using Portal.Data;
using Catalog.Machines;
using Catalog.Packaging;

namespace Portal.Tests.Data;

public sealed class PackageRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    private PackageRepository Repository => new(database.Connections);

    private static StoredPackage NewPackage(string sha, string fileName = "editor.zip") => new()
    {
        Sha256 = sha,
        Size = 5_000_000_000,
        FileName = fileName,
        UploadedAt = TestData.Start,
        UploadedBy = "admin@example.test",
        Manifest = new PackageManifest
        {
            Name = "Editor",
            Version = "1.2.0",
            Publisher = "Acme",
            Platform = new PackagePlatform(OsFamily.Linux, "13", CpuArchitecture.X64),
            CreatedAt = TestData.Start,
            Files = [new PackageFile("files/0001", "%PROGRAMS%/editor/editor", 10, new string('b', 64), 493, CopyAttribute.IfNewer)],
            Deletions = ["%HOME%/.editor-old"],
            Scripts = [new ApplicationScript { Stage = ScriptStage.PreUninstall, Body = "true" }],
        },
    };

    [Fact]
    public async Task Add_then_get_round_trips_every_field()
    {
        var package = NewPackage(new string('1', 64));

        Assert.True(await Repository.AddAsync(package));
        var loaded = await Repository.GetAsync(package.Sha256);

        Same.Json(package, loaded);
    }

    [Fact]
    public async Task Adding_the_same_content_again_keeps_the_first_record()
    {
        var sha = new string('2', 64);
        await Repository.AddAsync(NewPackage(sha, "first.zip"));

        var addedAgain = await Repository.AddAsync(NewPackage(sha, "second.zip"));

        Assert.False(addedAgain);
        Assert.Equal("first.zip", (await Repository.GetAsync(sha))!.FileName);
        Assert.Single(await Repository.ListAsync(), p => p.Sha256 == sha);
    }

    [Fact]
    public async Task Delete_removes_the_record()
    {
        var sha = new string('3', 64);
        await Repository.AddAsync(NewPackage(sha));

        Assert.True(await Repository.DeleteAsync(sha));
        Assert.False(await Repository.DeleteAsync(sha));
        Assert.Null(await Repository.GetAsync(sha));
    }
}
