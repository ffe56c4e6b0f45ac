using System.Net;
using System.Text.Json;
using ClientAgent.Service;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Data;

namespace Portal.Tests.Agents;

public sealed class EnrollmentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Enroll_WithValidToken_StoresCredentialsWithMode0600AndCreatesMachine()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var token = await portal.Get<EnrollmentService>().CreateTokenAsync(null, 1, "test", CancellationToken.None);

        var credentials = await new EnrollmentClient(portal.CreateClient())
            .EnrollAsync(portal.BaseAddress, token.Token, "workstation-7", null, CancellationToken.None);
        var stateDirectory = _temp.Sub("agent");
        AgentCredentialsFile.Save(stateDirectory, credentials);

        var path = AgentCredentialsFile.PathIn(stateDirectory);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(credentials, AgentCredentialsFile.Load(stateDirectory));
        var machine = await portal.Get<MachineRepository>().GetAsync(credentials.MachineId);
        Assert.NotNull(machine);
        Assert.Equal("workstation-7", machine.Name);
        Assert.Equal(AgentSecrets.Hash(credentials.Credential), machine.CredentialHash);
        Assert.NotEqual(credentials.Credential, machine.CredentialHash);
    }

    [Fact]
    public async Task Enroll_TokenUsedTwice_SecondIsRefused()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var token = await portal.Get<EnrollmentService>().CreateTokenAsync(null, 1, "test", CancellationToken.None);

        using var first = await portal.PostEnrollAsync(token.Token, "a");
        using var second = await portal.PostEnrollAsync(token.Token, "b");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("The enrollment token has already been used.", await DetailAsync(second));
    }

    [Fact]
    public async Task Enroll_ExpiredToken_IsRefused()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero));
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"), clock);
        var token = await portal.Get<EnrollmentService>().CreateTokenAsync(null, 2, "test", CancellationToken.None);
        clock.Advance(TimeSpan.FromHours(3));

        using var response = await portal.PostEnrollAsync(token.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The enrollment token has expired.", await DetailAsync(response));
    }

    [Fact]
    public async Task Enroll_RevokedToken_IsRefused()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));
        var token = await portal.Get<EnrollmentService>().CreateTokenAsync(null, 1, "test", CancellationToken.None);
        Assert.True(await portal.Get<EnrollmentTokenRepository>().RevokeAsync(token.Id, CancellationToken.None));

        using var response = await portal.PostEnrollAsync(token.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("The enrollment token has been revoked.", await DetailAsync(response));
    }

    [Fact]
    public async Task Enroll_UnknownToken_IsUnauthorizedAndTheAgentSaysWhy()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new EnrollmentClient(portal.CreateClient()).EnrollAsync(portal.BaseAddress, "not-a-token", "pc", null, CancellationToken.None));

        Assert.Equal("The portal refused the enrollment (401): The enrollment token is not valid.", error.Message);
    }

    [Fact]
    public async Task CreateToken_UnknownOwner_IsRefusedWithTheEmail()
    {
        await using var portal = await AgentLinkPortal.StartAsync(_temp.Sub("data"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            portal.Get<EnrollmentService>().CreateTokenAsync("nobody@example.com", 1, "test", CancellationToken.None));

        Assert.Equal("There is no user with the email 'nobody@example.com'.", error.Message);
    }

    [Fact]
    public void LoadCredentials_NotEnrolled_SaysHowToEnroll()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AgentCredentialsFile.Load(_temp.Sub("none")));

        Assert.Contains("is not enrolled", error.Message);
        Assert.Contains("clientagent enroll", error.Message);
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("detail").GetString();
    }

    public void Dispose() => _temp.Dispose();
}
