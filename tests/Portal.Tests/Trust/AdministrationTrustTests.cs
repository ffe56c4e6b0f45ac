using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Catalog.Applications;
using Portal.Data;
using Catalog.Events;
using Catalog.Machines;
using Catalog.Macros;
using Catalog.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Administration;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Trust;

/// <summary>What an administrator's API refuses so that neither a typo nor an import can point the portal or an agent outside its place.</summary>
public sealed class AdministrationTrustTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = AdminPortal.Create();
    private readonly string _work = Directory.CreateTempSubdirectory("trust-admin-").FullName;
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _portal.AdminAsync();

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    private async Task<Application> CreateAsync(Application application)
    {
        var response = await _admin.PostAsJsonAsync("/api/applications", application, CatalogJson.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!;
    }

    [Fact]
    public async Task A_windows_package_is_refused_for_a_linux_application_and_nothing_is_stored()
    {
        var app = await CreateAsync(new Application { Name = "Linux Tool", Version = "1.0.0", Platform = new TargetPlatform { OsFamily = OsFamily.Linux } });
        var path = await TestPackages.BuildAsync(_work, name: "Linux Tool", os: OsFamily.Windows);
        using var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");

        var response = await _admin.PutAsync($"/api/applications/{app.Id}/package?fileName=tool.zip", content);

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("was built for Windows, but Linux Tool 1.0.0 is a Linux application", detail);
        Assert.Empty(await _portal.Services.GetRequiredService<PackageRepository>().ListAsync());
        Assert.Null((await _portal.Services.GetRequiredService<ApplicationRepository>().GetAsync(app.Id))!.Package);
    }

    [Theory]
    [InlineData("../../x.log")]
    [InlineData("/etc/cron.d/evil")]
    public async Task A_reporting_log_path_outside_the_logs_folder_is_refused(string logFilePath)
    {
        var response = await _admin.PostAsJsonAsync("/api/applications",
            new Application { Name = "Logger", Version = "1.0.0", Reporting = new ReportingPolicy { LogFilePath = logFilePath } },
            CatalogJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Reporting.LogFilePath", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Folder_prompts_are_created_and_read_back_through_the_api()
    {
        var folder = new PromptedFolderMacro { Name = "INSTALLDIR", Prompt = "Install where?", Default = "%*PROGRAMS%/tool", AllowedParents = ["%*PROGRAMS%", "/srv/tools"] };

        var created = await CreateAsync(new Application { Name = "Folder Tool", Version = "1.0.0", Macros = [folder] });

        var read = Assert.IsType<PromptedFolderMacro>(Assert.Single(created.Macros));
        Assert.Equal(folder.AllowedParents, read.AllowedParents);
        Assert.Equal(folder.Default, read.Default);
    }

    [Fact]
    public async Task A_folder_prompt_without_allowed_parents_is_refused()
    {
        var response = await _admin.PostAsJsonAsync("/api/applications",
            new Application { Name = "Loose Tool", Version = "1.0.0", Macros = [new PromptedFolderMacro { Name = "DIR", Prompt = "Where?" }] },
            CatalogJson.Options);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("needs at least one allowed parent location", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_replaced_package_leaves_the_store_once_no_application_uses_it()
    {
        var app = await CreateAsync(new Application { Name = "Store Tool", Version = "1.0.0" });
        var sibling = await CreateAsync(new Application { Name = "Store Tool Copy", Version = "1.0.0" });
        var first = await TestPackages.BuildAsync(Directory.CreateDirectory(Path.Combine(_work, "first")).FullName, name: "Store Tool", version: "1.0.0");
        var second = await TestPackages.BuildAsync(Directory.CreateDirectory(Path.Combine(_work, "second")).FullName, name: "Store Tool", version: "1.0.1");
        var firstSha = await Catalog.Packaging.PackageHash.ComputeAsync(first);
        var store = Path.Combine(_portal.DataDirectory, "packages");
        string StoredPath(string sha) => Path.Combine(store, sha[..2], sha);

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(app.Id, first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(sibling.Id, first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(app.Id, second)).StatusCode);
        Assert.True(File.Exists(StoredPath(firstSha)), "the sibling still uses the first package");

        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(sibling.Id, second)).StatusCode);

        Assert.False(File.Exists(StoredPath(firstSha)));
        Assert.Null(await _portal.Services.GetRequiredService<PackageRepository>().GetAsync(firstSha));
    }

    private async Task<HttpResponseMessage> UploadAsync(Guid id, string path)
    {
        using var content = new StreamContent(File.OpenRead(path));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await _admin.PutAsync($"/api/applications/{id}/package?fileName=tool.zip", content);
    }
}
