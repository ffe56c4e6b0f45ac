using System.Text.Json.Nodes;

namespace Portal.Tests.Agents;

/// <summary>
/// What the tests with real portal and agent processes share: where the built projects are, and the REST calls
/// they wait on (a machine reaching a state, a job finishing), each failing with the response when a call fails.
/// </summary>
internal static class RealProcessApi
{
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test's directory.");
    }

    /// <summary>bin/&lt;Configuration&gt;/net10.0 of the test, mirrored for the project under test.</summary>
    public static string BuildOutput(string project)
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        return Path.Combine(RepositoryRoot(), "src", project, "bin", configuration, "net10.0");
    }

    public static async Task<JsonNode> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} → {(int)response.StatusCode}: {body}");
            return JsonNode.Parse(body)!;
        }
    }

    public static async Task WaitForMachineAsync(HttpClient http, Guid machineId, Func<JsonNode, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition(await ReadJsonAsync(await http.GetAsync($"/api/machines/{machineId}", timeout.Token))))
        {
            await Task.Delay(200, timeout.Token);
        }
    }

    /// <summary>Waits until the job has finished; returns "State: message".</summary>
    public static async Task<string> WaitForJobAsync(HttpClient http, Guid jobId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var job = (await ReadJsonAsync(await http.GetAsync($"/api/jobs/{jobId}", timeout.Token)))["job"]!;
            var state = job["state"]!.GetValue<string>();
            if (state is not ("Queued" or "Delivered" or "Running"))
            {
                return $"{state}: {job["message"]}";
            }

            await Task.Delay(200, timeout.Token);
        }
    }
}
