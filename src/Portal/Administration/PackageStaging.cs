using Microsoft.Extensions.Options;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;

namespace Portal.Administration;

/// <summary>
/// A private scratch directory for one upload or import under <c>&lt;DataDirectory&gt;/uploads</c>. Files are checked
/// here before anything reaches the package store; disposing removes the directory and whatever is left in it.
/// </summary>
public sealed class PackageStaging : IDisposable
{
    private PackageStaging(string directory) => Directory = directory;

    public string Directory { get; }

    public static PackageStaging Create(IOptions<AgentLinkOptions> options)
    {
        var root = Path.Combine(options.Value.DataDirectory, "uploads");
        return new PackageStaging(System.IO.Directory.CreateDirectory(Path.Combine(root, Guid.NewGuid().ToString("N"))).FullName);
    }

    /// <summary>A path inside the staging directory for <paramref name="fileName"/> (already a bare, safe name).</summary>
    public string PathFor(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>Copies <paramref name="content"/> to <paramref name="fileName"/> and returns the file's path and length.</summary>
    public async Task<(string Path, long Length)> WriteAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        var path = PathFor(fileName);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        await content.CopyToAsync(file, 1 << 16, cancellationToken);
        return (path, file.Length);
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open elsewhere; the next start-up's clean-up is not needed for correctness, the name is unique.
        }
    }
}
