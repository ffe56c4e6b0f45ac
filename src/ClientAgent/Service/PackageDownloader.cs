using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using ClientAgent.Connection;
using Polly;
using Polly.Retry;

namespace ClientAgent.Service;

/// <summary>
/// Gets a package into the agent's cache (<c>cache/&lt;sha&gt;</c>), trying its sources in order: http(s) with Range
/// resume after a dropped connection and retries with back-off, then the next source; file:// paths are copied. Bytes
/// land in <c>cache/&lt;sha&gt;.partial</c> and only become <c>cache/&lt;sha&gt;</c> after their SHA-256 matched, so
/// nothing unverified is ever installed. Relative sources are the portal's and carry the agent's credential: with
/// several portal nodes (<paramref name="portals"/>) they resolve against the node the agent is connected to, and only
/// those nodes ever receive the credential.
/// </summary>
public sealed class PackageDownloader(
    HttpClient http, string cacheDirectory, AgentCredentials? portal, TimeSpan? retryBaseDelay = null, PortalAddresses? portals = null)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder()
                .Handle<HttpRequestException>()
                .Handle<IOException>()
                .Handle<TaskCanceledException>(),
            MaxRetryAttempts = 4,
            Delay = retryBaseDelay ?? TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();

    public string CachePath(string sha256) => Path.Combine(cacheDirectory, sha256.ToLowerInvariant());

    /// <summary>
    /// Returns the verified cached file. <paramref name="notes"/> hears about every source that failed ("Package from
    /// http://mirror/x failed verification: expected …, got …") so the job log says why a fallback was used.
    /// </summary>
    /// <exception cref="PackageDownloadException">No source delivered the right bytes.</exception>
    public async Task<string> DownloadAsync(
        string sha256, long size, IReadOnlyList<string> sources, Action<string> notes, IProgress<int>? percent, CancellationToken cancellationToken)
    {
        sha256 = sha256.ToLowerInvariant();
        Directory.CreateDirectory(cacheDirectory);
        var target = CachePath(sha256);
        if (File.Exists(target))
        {
            var cached = await HashAsync(target, cancellationToken);
            if (cached == sha256)
            {
                percent?.Report(100);
                return target;
            }

            notes($"The cached package {sha256} was damaged (its SHA-256 is {cached}); downloading it again.");
            File.Delete(target);
        }

        if (sources.Count == 0)
        {
            throw new PackageDownloadException($"Package {sha256} is not cached and the job names no source for it.");
        }

        var partial = target + ".partial";
        var failures = new List<string>();
        foreach (var source in sources)
        {
            var location = Describe(source);
            try
            {
                await FetchAsync(source, partial, size, percent, cancellationToken);
                var actual = await HashAsync(partial, cancellationToken);
                if (actual != sha256)
                {
                    throw new PackageSourceRejectedException($"Package from {location} failed verification: expected {sha256}, got {actual}.");
                }

                File.Move(partial, target, overwrite: true);
                if (failures.Count > 0)
                {
                    notes($"Package downloaded from fallback source {location}.");
                }

                return target;
            }
            catch (Exception ex) when (ex is PackageSourceRejectedException or HttpRequestException or IOException or UnauthorizedAccessException
                                           or TaskCanceledException or UriFormatException && !cancellationToken.IsCancellationRequested)
            {
                File.Delete(partial);
                var message = ex is PackageSourceRejectedException ? ex.Message : $"Package source {location} failed: {ex.Message}";
                failures.Add(message);
                notes(message);
            }
        }

        throw new PackageDownloadException($"No source delivered package {sha256}: {string.Join(" ", failures)}");
    }

    private async Task FetchAsync(string source, string partial, long size, IProgress<int>? percent, CancellationToken cancellationToken)
    {
        var uri = Resolve(source);
        if (uri.IsFile)
        {
            await CopyFileAsync(uri.LocalPath, partial, size, percent, cancellationToken);
            return;
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            throw new PackageSourceRejectedException($"Package source {source} is neither http(s) nor file://.");
        }

        File.Delete(partial);
        await _retry.ExecuteAsync(async token => await DownloadHttpAsync(uri, partial, size, percent, token), cancellationToken);
    }

    private async Task DownloadHttpAsync(Uri uri, string partial, long size, IProgress<int>? percent, CancellationToken cancellationToken)
    {
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (size > 0 && have == size)
        {
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (portal is not null && IsPortal(uri))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", portal.Credential);
        }

        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // What we hold is not a prefix this source can continue: start over from its first byte.
            File.Delete(partial);
            throw new IOException($"{Describe(uri.AbsoluteUri)} could not resume at byte {have}.");
        }

        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.Gone)
        {
            throw new PackageSourceRejectedException($"Package source {Describe(uri.AbsoluteUri)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        response.EnsureSuccessStatusCode();
        var resumed = response.StatusCode == HttpStatusCode.PartialContent && have > 0;
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var file = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await CopyAsync(body, file, size, percent, cancellationToken);
    }

    private static async Task CopyFileAsync(string path, string partial, long size, IProgress<int>? percent, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new PackageSourceRejectedException($"Package source {path} does not exist.");
        }

        await using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await CopyAsync(input, file, size, percent, cancellationToken);
    }

    private static async Task CopyAsync(Stream input, FileStream output, long size, IProgress<int>? percent, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            if (size > 0)
            {
                if (output.Length > size)
                {
                    throw new PackageSourceRejectedException($"The source sent more than the package's {size} bytes.");
                }

                percent?.Report((int)(output.Length * 100 / size));
            }
        }

        await output.FlushAsync(cancellationToken);
    }

    private Uri Resolve(string source)
    {
        if (Uri.TryCreate(source, UriKind.Absolute, out var absolute))
        {
            return absolute;
        }

        if (Path.IsPathRooted(source))
        {
            return new Uri(Path.GetFullPath(source));
        }

        return portal is not null
            ? new Uri(PortalRoot, source)
            : throw new PackageSourceRejectedException($"Package source {source} is relative but the agent knows no portal.");
    }

    private bool IsPortal(Uri uri) =>
        portal is not null && (portals?.Contains(uri)
            ?? Uri.Compare(uri, portal.PortalUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);

    /// <summary>The portal node relative sources resolve against: the one the agent is connected to.</summary>
    private Uri PortalRoot => portals?.Current ?? portal!.PortalUri;

    private string Describe(string source) => Uri.TryCreate(source, UriKind.Absolute, out _) || portal is null
        ? source
        : new Uri(PortalRoot, source).AbsoluteUri;

    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
