using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Catalog.Applications;
using Catalog.Macros;
using Catalog.Packaging;
using Catalog.Requirements;
using Catalog.Serialization;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Administration;

public sealed class ExportImportTests : IAsyncLifetime
{
    private readonly PortalFactory _source = AdminPortal.Create();
    private readonly PortalFactory _target = AdminPortal.Create();
    private readonly string _work = Directory.CreateTempSubdirectory("admin-images-").FullName;
    private HttpClient _sourceAdmin = null!;
    private HttpClient _targetAdmin = null!;
    private Application _app = null!;
    private string _packagePath = null!;

    public async Task InitializeAsync()
    {
        _sourceAdmin = await _source.AdminAsync();
        _targetAdmin = await _target.AdminAsync();
        var created = await _sourceAdmin.PostAsJsonAsync("/api/applications", new Application
        {
            Name = "Exported Tool",
            Version = "2.0.0",
            Category = "Tools",
            Macros = [new PromptedVolumeMacro { Name = "VOLUME", Prompt = "Which volume?", DefaultVolume = "/", MinimumFreeMb = 5 }],
            Requirements = [new CpuCountRequirement(2)],
        }, CatalogJson.Options);
        var id = (await created.Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!.Id;
        _packagePath = await TestPackages.BuildAsync(_work, "Exported Tool", "2.0.0");
        using var content = new StreamContent(File.OpenRead(_packagePath));
        var uploaded = await _sourceAdmin.PutAsync($"/api/applications/{id}/package?fileName=tool.zip", content);
        _app = (await uploaded.Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!;
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _target.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("Smallest")]
    public async Task Export_then_import_into_another_portal_round_trips_the_application_and_its_package(string compression)
    {
        var export = await _sourceAdmin.GetAsync($"/api/applications/{_app.Id}/export?compression={compression}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("Exported-Tool-2.0.0.appimage.zip", export.Content.Headers.ContentDisposition?.FileName);
        var image = await export.Content.ReadAsByteArrayAsync();

        var imported = await _targetAdmin.PostAsync("/api/applications/import", Zip(image));

        Assert.Equal(HttpStatusCode.Created, imported.StatusCode);
        var copy = await _targetAdmin.GetFromJsonAsync<Application>($"/api/applications/{_app.Id}", CatalogJson.Options);
        Assert.Equal(_app.Package, copy!.Package);
        Assert.Equal(("Exported Tool", "2.0.0", "Tools"), (copy.Name, copy.Version, copy.Category));
        Assert.Equal("VOLUME", Assert.IsType<PromptedVolumeMacro>(Assert.Single(copy.Macros)).Name);
        Assert.Equal(2, Assert.IsType<CpuCountRequirement>(Assert.Single(copy.Requirements)).Minimum);
        var stored = Path.Combine(_target.DataDirectory, "packages", _app.Package!.Sha256[..2], _app.Package.Sha256);
        Assert.Equal(await File.ReadAllBytesAsync(_packagePath), await File.ReadAllBytesAsync(stored));
    }

    [Fact]
    public async Task An_image_whose_package_does_not_match_application_json_is_refused_and_nothing_is_stored()
    {
        var image = await (await _sourceAdmin.GetAsync($"/api/applications/{_app.Id}/export")).Content.ReadAsByteArrayAsync();
        var tampered = Rewrite(image, "application.json", json => json.Replace(_app.Package!.Sha256, new string('0', 64), StringComparison.Ordinal));

        var detail = await ProblemDetailsAssert.IsProblemAsync(await _targetAdmin.PostAsync("/api/applications/import", Zip(tampered)), HttpStatusCode.BadRequest);

        Assert.Contains("the image was altered", detail);
        Assert.Empty((await _targetAdmin.GetFromJsonAsync<List<Application>>("/api/applications", CatalogJson.Options))!);
        Assert.False(Directory.Exists(Path.Combine(_target.DataDirectory, "packages")) &&
                     Directory.EnumerateFiles(Path.Combine(_target.DataDirectory, "packages"), "*", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_with_a_clear_message()
    {
        var detail = await ProblemDetailsAssert.IsProblemAsync(
            await _targetAdmin.PostAsync("/api/applications/import", Zip(Encoding.UTF8.GetBytes("plain text"))), HttpStatusCode.BadRequest);

        Assert.Contains("not an application image", detail);
    }

    [Fact]
    public async Task An_image_with_an_extra_entry_is_refused()
    {
        var image = await (await _sourceAdmin.GetAsync($"/api/applications/{_app.Id}/export")).Content.ReadAsByteArrayAsync();
        using var buffer = new MemoryStream();
        buffer.Write(image);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("../escape.sh").Open());
            writer.Write("rm -rf /");
        }

        var detail = await ProblemDetailsAssert.IsProblemAsync(await _targetAdmin.PostAsync("/api/applications/import", Zip(buffer.ToArray())), HttpStatusCode.BadRequest);

        Assert.Contains("unexpected entry '../escape.sh'", detail);
    }

    [Fact]
    public async Task An_unknown_compression_is_a_400_problem_listing_the_choices()
    {
        var detail = await ProblemDetailsAssert.IsProblemAsync(
            await _sourceAdmin.GetAsync($"/api/applications/{_app.Id}/export?compression=Ultra"), HttpStatusCode.BadRequest);

        Assert.Contains("None, Fastest, Balanced, Smallest", detail);
    }

    private static ByteArrayContent Zip(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }

    private static byte[] Rewrite(byte[] image, string entryName, Func<string, string> change)
    {
        using var buffer = new MemoryStream();
        buffer.Write(image);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(entryName)!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(entryName).Open());
            writer.Write(change(text));
        }

        return buffer.ToArray();
    }
}
