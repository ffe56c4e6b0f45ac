using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Applications;
using Portal.Data;
using Catalog.Macros;
using Catalog.Requirements;
using Catalog.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Administration;

public sealed class ApplicationsApiTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = AdminPortal.Create();
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _portal.AdminAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static Application Editor(string version = "1.0.0") => new()
    {
        Name = "Round Trip Editor",
        Version = version,
        Publisher = "Example",
        Category = "Editors",
        Macros = [new PromptedStringMacro { Name = "INSTALLDIR", Prompt = "Install where?", Default = "%*PROGRAMS%/editor" }],
        Requirements = [new MemoryRequirement(512), new OsRequirement(Catalog.Machines.OsFamily.Linux) { ShowWhenUnmet = false }],
    };

    [Fact]
    public async Task Create_read_update_list_and_delete_round_trip_through_the_api()
    {
        var created = await PostAsync(Editor());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var app = (await created.Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!;
        Assert.Equal($"/api/applications/{app.Id:D}", created.Headers.Location?.OriginalString);

        var read = await _admin.GetFromJsonAsync<Application>($"/api/applications/{app.Id}", CatalogJson.Options);
        Assert.Equal("Round Trip Editor", read!.Name);
        var macro = Assert.IsType<PromptedStringMacro>(Assert.Single(read.Macros));
        Assert.Equal("%*PROGRAMS%/editor", macro.Default);
        Assert.False(Assert.IsType<OsRequirement>(read.Requirements[1]).ShowWhenUnmet);

        var put = await _admin.PutAsJsonAsync($"/api/applications/{app.Id}", read with { Version = "1.1.0", Category = "Tools" }, CatalogJson.Options);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = await _admin.GetFromJsonAsync<List<Application>>("/api/applications", CatalogJson.Options);
        var listed = Assert.Single(list!);
        Assert.Equal(("1.1.0", "Tools"), (listed.Version, listed.Category));

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/applications/{app.Id}")).StatusCode);
        await ProblemDetailsAssert.IsProblemAsync(await _admin.GetAsync($"/api/applications/{app.Id}"), HttpStatusCode.NotFound);

        var audit = await _admin.GetFromJsonAsync<JsonElement>("/api/audit");
        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["application.delete", "application.update", "application.create"], actions);
        Assert.All(audit.EnumerateArray(), e => Assert.Equal(AdminPortal.AdminEmail, e.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Invalid_application_is_a_400_problem_with_messages_per_field_and_nothing_is_saved()
    {
        var response = await PostAsync(Editor() with
        {
            Name = "",
            Version = "not a version",
            Macros = [new PromptedStringMacro { Name = "BAD NAME", Prompt = "" }],
        });

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("Name", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("Version", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("Macros[0].Name", out var macroName), errors.ToString());
        Assert.Contains("BAD NAME", macroName[0].GetString());
        Assert.Contains("problem", detail);
        Assert.Empty((await _admin.GetFromJsonAsync<List<Application>>("/api/applications", CatalogJson.Options))!);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_problem_naming_the_json_error()
    {
        var response = await _admin.PostAsync("/api/applications", new StringContent("{\"name\": 12", System.Text.Encoding.UTF8, "application/json"));

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("The request body is not a valid application", detail);
    }

    [Fact]
    public async Task Same_name_and_version_twice_is_a_409_problem()
    {
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Editor())).StatusCode);

        var detail = await ProblemDetailsAssert.IsProblemAsync(await PostAsync(Editor()), HttpStatusCode.Conflict);

        Assert.Contains("'Round Trip Editor' with version '1.0.0' already exists", detail);
    }

    [Fact]
    public async Task Dependency_on_an_unknown_application_is_refused_and_a_depended_on_application_cannot_be_deleted()
    {
        var missing = Guid.NewGuid();
        var refused = await PostAsync(Editor() with { Dependencies = [new Catalog.Dependencies.Dependency(ApplicationId: missing)] });
        var detail = await ProblemDetailsAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.Contains($"application {missing}, which is not in the catalog", detail);

        var fonts = (await (await PostAsync(Editor() with { Name = "Fonts" })).Content.ReadFromJsonAsync<Application>(CatalogJson.Options))!;
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Editor() with { Dependencies = [new Catalog.Dependencies.Dependency(ApplicationId: fonts.Id)] })).StatusCode);

        var inUse = await ProblemDetailsAssert.IsProblemAsync(await _admin.DeleteAsync($"/api/applications/{fonts.Id}"), HttpStatusCode.Conflict);
        Assert.Contains("Round Trip Editor 1.0.0", inUse);
        Assert.NotNull(await _portal.Services.GetRequiredService<ApplicationRepository>().GetAsync(fonts.Id));
    }

    [Fact]
    public async Task A_user_without_the_administrator_role_gets_403_on_every_administration_endpoint()
    {
        var user = await _portal.PlainUserAsync(_admin);

        foreach (var path in new[] { "/api/applications", "/api/external-software", "/api/events", "/api/audit" })
        {
            await ProblemDetailsAssert.IsProblemAsync(await user.GetAsync(path), HttpStatusCode.Forbidden);
        }

        await ProblemDetailsAssert.IsProblemAsync(await user.PostAsJsonAsync("/api/applications", Editor(), CatalogJson.Options), HttpStatusCode.Forbidden);
        Assert.Empty(await _portal.Services.GetRequiredService<ApplicationRepository>().ListAsync());
    }

    private Task<HttpResponseMessage> PostAsync(Application application) =>
        _admin.PostAsJsonAsync("/api/applications", application, CatalogJson.Options);
}
