using System.Collections.Concurrent;
using System.Security.Cryptography;
using ClientAgent.Service;
using Microsoft.AspNetCore.Http;

namespace Portal.Tests.Agents;

public sealed class PackageDownloaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();
    private readonly byte[] _package = RandomNumberGenerator.GetBytes(512 * 1024);

    private string Sha => Convert.ToHexStringLower(SHA256.HashData(_package));

    private PackageDownloader Downloader() =>
        new(new HttpClient(), _temp.Sub("cache"), portal: null, retryBaseDelay: TimeSpan.FromMilliseconds(10));

    [Fact]
    public async Task DroppedConnectionHalfway_ResumesWithRangeAndVerifies()
    {
        var ranges = new ConcurrentQueue<string>();
        var first = 1;
        await using var source = await TestHttpServer.StartAsync(async context =>
        {
            ranges.Enqueue(context.Request.Headers.Range.ToString());
            if (Interlocked.Exchange(ref first, 0) == 1)
            {
                context.Response.ContentLength = _package.Length;
                await context.Response.Body.WriteAsync(_package.AsMemory(0, _package.Length / 2));
                await context.Response.Body.FlushAsync();
                context.Abort();
                return;
            }

            await Results.Bytes(_package, "application/zip", enableRangeProcessing: true).ExecuteAsync(context);
        });

        var path = await Downloader().DownloadAsync(Sha, _package.Length, [new Uri(source.Address, "pkg.zip").AbsoluteUri], _ => { }, null, CancellationToken.None);

        Assert.Equal(_package, await File.ReadAllBytesAsync(path));
        Assert.Equal(2, ranges.Count);
        Assert.Equal("", ranges.First());
        Assert.StartsWith("bytes=", ranges.Last());
        Assert.NotEqual("bytes=0-", ranges.Last());
    }

    [Fact]
    public async Task FirstSourceDown_FallsBackToTheNextAndSaysSo()
    {
        var mirror = _temp.Sub("mirror.zip");
        await File.WriteAllBytesAsync(mirror, _package);
        var notes = new List<string>();

        var path = await Downloader().DownloadAsync(Sha, _package.Length,
            ["http://127.0.0.1:9/unreachable.zip", new Uri(mirror).AbsoluteUri], notes.Add, null, CancellationToken.None);

        Assert.Equal(_package, await File.ReadAllBytesAsync(path));
        Assert.StartsWith("Package source http://127.0.0.1:9/unreachable.zip failed: ", notes[0]);
        Assert.Equal($"Package downloaded from fallback source {new Uri(mirror).AbsoluteUri}.", notes[^1]);
    }

    [Fact]
    public async Task TamperedMirror_IsSkippedAndTheGoodSourceUsed()
    {
        var bad = (byte[])_package.Clone();
        bad[1000] ^= 0x55;
        await using var tampered = await TestHttpServer.StartAsync(context => Results.Bytes(bad, "application/zip").ExecuteAsync(context));
        await using var good = await TestHttpServer.StartAsync(context => Results.Bytes(_package, "application/zip").ExecuteAsync(context));
        var notes = new List<string>();
        var badUrl = new Uri(tampered.Address, "x.zip").AbsoluteUri;

        var path = await Downloader().DownloadAsync(Sha, _package.Length, [badUrl, new Uri(good.Address, "x.zip").AbsoluteUri], notes.Add, null, CancellationToken.None);

        Assert.Equal(_package, await File.ReadAllBytesAsync(path));
        Assert.Equal(
            $"Package from {badUrl} failed verification: expected {Sha}, got {Convert.ToHexStringLower(SHA256.HashData(bad))}.",
            notes[0]);
    }

    [Fact]
    public async Task OnlyBadSources_ThrowAndLeaveNothingInTheCache()
    {
        await using var tampered = await TestHttpServer.StartAsync(context => Results.Bytes(new byte[100], "application/zip").ExecuteAsync(context));

        var error = await Assert.ThrowsAsync<PackageDownloadException>(() =>
            Downloader().DownloadAsync(Sha, _package.Length, [new Uri(tampered.Address, "x.zip").AbsoluteUri], _ => { }, null, CancellationToken.None));

        Assert.Contains("failed verification", error.Message);
        Assert.Empty(Directory.EnumerateFiles(_temp.Sub("cache")));
    }

    public void Dispose() => _temp.Dispose();
}
