using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Benchmarks.Requests;

/// <summary>The portal's REST API as a script uses it: sign in for a bearer token, then timed requests.</summary>
internal sealed class RequestClient(Uri portal) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = portal, Timeout = TimeSpan.FromMinutes(10) };

    public async Task<string> LoginAsync(string email, string password, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("api/auth/login", new { email, password }, cancellationToken);
        await EnsureAsync(response, $"sign-in of {email}", cancellationToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public async Task CreateUserAsync(string adminToken, string email, string password, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/users")
        {
            Content = JsonContent.Create(new { email, password, displayName = "Benchmark template", roles = new[] { "User" } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var response = await _http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, $"creating user {email}", cancellationToken);
    }

    /// <summary>Sends one request and returns how long the whole exchange took (body read included).</summary>
    public async Task<TimeSpan> TimeAsync(HttpMethod method, string path, string token, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var watch = Stopwatch.StartNew();
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        watch.Stop();
        await EnsureAsync(response, $"{method} {path}", cancellationToken);
        return watch.Elapsed;
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var detail = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {detail}");
        }
    }

    public void Dispose() => _http.Dispose();
}
