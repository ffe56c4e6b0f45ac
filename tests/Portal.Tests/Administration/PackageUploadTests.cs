using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Catalog.Applications;
using Portal.Data;
using Catalog.Machines;
using Catalog.Packaging;
using Catalog.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Administration;

public sealed class PackageUploadTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = AdminPortal.Create();
    private readonly string _work = Directory.CreateTempSubdirectory("admin-packages-").FullName;
    private HttpClient _admin = null!;
    private Application _app = null!;

    public async Task InitializeAsync()
    {
        _admin = await _portal.AdminAsync();
        var response = await _admin.PostAsJsonAsync("/api/applications", new Application { Name = "Demo Tool", Version = "1.0.0" }, CatalogJson.Options);
        _app = (await response.Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!;
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private string StoreDirectory => Path.Combine(_portal.DataDirectory, "packages");

    private IEnumerable<string> StoredFiles => Directory.Exists(StoreDirectory) ? Directory.EnumerateFiles(StoreDirectory, "*", SearchOption.AllDirectories) : [];

    [Fact]
    public async Task A_good_package_is_stored_recorded_and_set_on_the_application_with_its_platform()
    {
        var path = await TestPackages.BuildAsync(_work, os: OsFamily.Linux);
        var sha256 = await PackageHash.ComputeAsync(path);

        var response = await PutRawAsync(path, "tool.zip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var app = (await response.Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!;
        Assert.Equal(new PackageReference(sha256, new FileInfo(path).Length, "tool.zip"), app.Package);
        Assert.Equal(OsFamily.Linux, app.Platform.OsFamily);
        Assert.Equal([CpuArchitecture.X64], app.Platform.Architectures);
        var stored = Assert.Single(StoredFiles);
        Assert.Equal(sha256, Path.GetFileName(stored));
        Assert.Equal(await File.ReadAllBytesAsync(path), await File.ReadAllBytesAsync(stored));
        var record = await _portal.Services.GetRequiredService<PackageRepository>().GetAsync(sha256);
        Assert.Equal(2, record!.Manifest.Files.Count);
        Assert.Equal(AdminPortal.AdminEmail, record.UploadedBy);
    }

    [Fact]
    public async Task A_multipart_upload_works_like_a_raw_one()
    {
        var path = await TestPackages.BuildAsync(_work);
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "file", "from-form.zip");

        var response = await _admin.PutAsync($"/api/applications/{_app.Id}/package", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var app = (await response.Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!;
        Assert.Equal(("from-form.zip", await PackageHash.ComputeAsync(path)), (app.Package!.FileName, app.Package.Sha256));
    }

    [Fact]
    public async Task A_file_that_is_not_a_zip_is_refused_with_the_readers_message_and_nothing_is_stored()
    {
        var detail = await ProblemDetailsAssert.IsProblemAsync(await PutRawAsync(TestPackages.NotAZip(_work), "garbage.zip"), HttpStatusCode.BadRequest);

        Assert.Contains("'garbage.zip' is not a package file: it is not a readable zip archive", detail);
        Assert.DoesNotContain(_portal.DataDirectory, detail);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_package_with_a_path_traversal_entry_is_refused_and_nothing_is_stored()
    {
        var detail = await ProblemDetailsAssert.IsProblemAsync(await PutRawAsync(TestPackages.PathTraversal(_work), "traversal.zip"), HttpStatusCode.BadRequest);

        Assert.Contains("unsafe entry 'payload/../../etc/evil'", detail);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task A_package_whose_payload_does_not_match_its_manifest_hash_is_refused_and_nothing_is_stored()
    {
        var tampered = TestPackages.TamperedCopy(await TestPackages.BuildAsync(_work));

        var detail = await ProblemDetailsAssert.IsProblemAsync(await PutRawAsync(tampered, "tampered.zip"), HttpStatusCode.BadRequest);

        Assert.Contains("SHA-256", detail);
        Assert.Contains("payload/README.txt", detail);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task An_upload_that_does_not_hash_to_the_expected_sha256_is_refused()
    {
        var path = await TestPackages.BuildAsync(_work);
        var wrong = new string('a', 64);

        var detail = await ProblemDetailsAssert.IsProblemAsync(await PutRawAsync(path, "tool.zip", $"&sha256={wrong}"), HttpStatusCode.BadRequest);

        Assert.Contains($"not the expected {wrong}", detail);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Uploading_to_an_unknown_application_is_a_404_problem()
    {
        var path = await TestPackages.BuildAsync(_work);
        using var content = new StreamContent(File.OpenRead(path));

        var response = await _admin.PutAsync($"/api/applications/{Guid.NewGuid()}/package", content);

        await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Empty(StoredFiles);
    }

    private async Task<HttpResponseMessage> PutRawAsync(string path, string fileName, string extraQuery = "")
    {
        using var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await _admin.PutAsync($"/api/applications/{_app.Id}/package?fileName={Uri.EscapeDataString(fileName)}{extraQuery}", content);
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty(StoredFiles);
        Assert.Empty(await _portal.Services.GetRequiredService<PackageRepository>().ListAsync());
        Assert.Null((await _portal.Services.GetRequiredService<ApplicationRepository>().GetAsync(_app.Id))!.Package);
        var uploads = Path.Combine(_portal.DataDirectory, "uploads");
        Assert.True(!Directory.Exists(uploads) || !Directory.EnumerateFileSystemEntries(uploads).Any(), "the staging directory was not cleaned up");
    }
}
