using System.Net;
using System.Net.Http.Json;
using Catalog.ExternalSoftware;
using Catalog.Serialization;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Administration;

public sealed class ExternalSoftwareApiTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = AdminPortal.Create();
    private HttpClient _admin = null!;

    public async Task InitializeAsync() => _admin = await _portal.AdminAsync();

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public async Task Publish_adds_or_updates_by_name_with_a_new_revision_and_replace_keeps_only_the_given_entries()
    {
        var first = await SendAsync(HttpMethod.Post, [new() { Name = "bash", MinVersion = "5.0" }, new() { Name = "coreutils" }]);
        Assert.Equal(1, first.Revision);

        var second = await SendAsync(HttpMethod.Post, [new() { Name = "BASH", MinVersion = "5.2" }, new() { Name = "python3" }]);
        Assert.Equal(2, second.Revision);
        Assert.Equal(["BASH", "coreutils", "python3"], second.Entries.Select(e => e.Name));
        Assert.Equal("5.2", second.Entries[0].MinVersion);

        var replaced = await SendAsync(HttpMethod.Put, [new() { Name = "git" }]);
        Assert.Equal(3, replaced.Revision);
        Assert.Equal(["git"], replaced.Entries.Select(e => e.Name));

        var current = await _admin.GetFromJsonAsync<ExternalSoftwareList>("/api/external-software", CatalogJson.Options);
        Assert.Equal((3, "git"), (current!.Revision, Assert.Single(current.Entries).Name));
    }

    [Fact]
    public async Task A_repeated_name_is_a_400_problem_and_no_revision_is_published()
    {
        var response = await _admin.PostAsJsonAsync("/api/external-software",
            new ExternalSoftwareEntry[] { new() { Name = "bash" }, new() { Name = "Bash" } }, CatalogJson.Options);

        var detail = await ProblemDetailsAssert.IsProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("External software 'Bash' is listed twice.", detail);
        var current = await _admin.GetFromJsonAsync<ExternalSoftwareList>("/api/external-software", CatalogJson.Options);
        Assert.Equal(0, current!.Revision);
    }

    private async Task<ExternalSoftwareList> SendAsync(HttpMethod method, ExternalSoftwareEntry[] entries)
    {
        var response = await _admin.SendAsync(new HttpRequestMessage(method, "/api/external-software") { Content = JsonContent.Create(entries, options: CatalogJson.Options) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ExternalSoftwareList>(CatalogJson.Options))!;
    }
}
