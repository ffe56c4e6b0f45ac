using System.Globalization;
using System.Text.RegularExpressions;
using Catalog.Agents;
using Catalog.Applications;
using Microsoft.AspNetCore.SignalR.Client;
using Portal.Tests.Agents;

namespace Portal.Tests.Operations;

/// <summary>
/// <c>/metrics</c> scraped as Prometheus does: the portal's series are there and move with what agents do. Runs alone:
/// OpenTelemetry's listener picks meters up by name process-wide, so another test's portal in the same test process
/// would report into this portal's scrape (a production process hosts one portal).
/// </summary>
[Collection(MetricsCollection.Name)]
public sealed partial class MetricsEndpointTests : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private AgentLinkPortal? _portal;

    private AgentLinkPortal Portal => _portal!;

    [Fact]
    public async Task Scrape_ShowsConnectedAgents_OpenJobsByState_Circuits_AndTheDispatchLatencyOfAnAcknowledgedJob()
    {
        var agent = await Portal.EnrollAsync("metrics-pc");
        var application = await Portal.AddApplicationAsync(new Application { Name = "Editor", Version = "1.0", Package = await Portal.AddPackageAsync([1, 2, 3]) });
        var delivered = new TaskCompletionSource<JobMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = Portal.CreateHubConnection(agent.Credential);
        connection.On<JobMessage>(AgentHubMethods.RunJob, message => delivered.TrySetResult(message));
        await connection.StartAsync();

        var job = Assert.Single(await Portal.InstallAsync(await Portal.MachineAsync(agent.MachineId), application));
        await delivered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await connection.InvokeAsync(AgentHubMethods.Ack, job.Id);

        using var response = await Portal.CreateClient().GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, text);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(1, Value(text, "portal_agents_connected"));
        Assert.Equal(0, Value(text, "portal_circuits_active"));
        Assert.Equal(1, Value(text, "portal_dispatch_duration_seconds_count"));
        Assert.Matches(OpenJobsSeries(), text);
        Assert.Contains("portal_dispatch_duration_seconds_bucket{", text, StringComparison.Ordinal);
    }

    public async Task InitializeAsync() => _portal = await AgentLinkPortal.StartAsync(_temp.Sub("portal"));

    public async Task DisposeAsync()
    {
        if (_portal is not null)
        {
            await _portal.DisposeAsync();
        }

        _temp.Dispose();
    }

    /// <summary>The value of a series without labels (or with only the exporter's scope labels).</summary>
    private static double Value(string text, string series)
    {
        var match = Regex.Match(text, $@"^{Regex.Escape(series)}(\{{[^}}]*\}})? (?<value>\S+)", RegexOptions.Multiline);
        Assert.True(match.Success, $"{series} is not in the scrape:\n{text}");
        return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?m)^portal_jobs_open\{[^}]*state=""Queued""[^}]*\} \d+")]
    private static partial Regex OpenJobsSeries();
}
