using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace Portal.Tests.Agents;

/// <summary>
/// The portal as a separate process (<c>dotnet Portal.dll</c>) on a free loopback port, with a bootstrap administrator:
/// started, waited on until <c>/healthz</c> answers, and signed in to over REST.
/// </summary>
internal static class RealPortalProcess
{
    /// <summary>
    /// Starts a portal on a free port with its data in <paramref name="dataDirectory"/> and <paramref name="environment"/>
    /// (configuration keys such as <c>ConnectionStrings__Portal</c>) on top; returns once it is healthy.
    /// </summary>
    public static async Task<(Process Process, HttpClient Http)> StartAsync(
        RealProcesses processes, string dataDirectory, string adminEmail, string adminPassword,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var output = RealProcessApi.BuildOutput("Portal");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        foreach (var argument in new[] { Path.Combine(output, "Portal.dll"), "--urls", $"http://127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Portal__DataDirectory"] = dataDirectory;
        start.Environment["Portal__BootstrapAdmin__Email"] = adminEmail;
        start.Environment["Portal__BootstrapAdmin__Password"] = adminPassword;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = processes.Start(start);
        var http = processes.Client(new Uri($"http://127.0.0.1:{port}/"));
        await WaitForHealthAsync(http, process);
        return (process, http);
    }

    /// <summary>Signs in with the password; returns the bearer token.</summary>
    public static async Task<string> LoginAsync(HttpClient http, string email, string password)
    {
        var login = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync("/api/auth/login", new { email, password }));
        return login["accessToken"]!.GetValue<string>();
    }

    private static async Task WaitForHealthAsync(HttpClient http, Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            Assert.False(process.HasExited, $"the portal process exited with {(process.HasExited ? process.ExitCode : 0)} before it was healthy");
            try
            {
                using var response = await http.GetAsync("/healthz", timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, timeout.Token);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
