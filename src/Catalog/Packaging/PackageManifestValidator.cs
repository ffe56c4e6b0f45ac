using System.Text.Json;
using Catalog.Serialization;

namespace Catalog.Packaging;

/// <summary>Parses and checks a package manifest; every problem becomes a <see cref="PackageFormatException"/> naming the field.</summary>
public static class PackageManifestValidator
{
    /// <summary>
    /// Largest manifest.json accepted. A manifest of 100,000 files is about 30 MB; 64 MB keeps the parsed manifest of
    /// an upload to a few hundred MB of portal memory (a 250 MB manifest used to cost more than 1 GB).
    /// </summary>
    public const long MaxManifestBytes = 64L * 1024 * 1024;

    /// <summary>Parses straight from the stream (no copy of the whole text in memory); the caller bounds its length.</summary>
    public static async Task<PackageManifest> ReadAsync(Stream json, string origin, CancellationToken cancellationToken = default)
    {
        try
        {
            return Checked(await JsonSerializer.DeserializeAsync<PackageManifest>(json, CatalogJson.Options, cancellationToken), origin);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new PackageFormatException($"{origin} is not a valid package manifest: {e.Message}", e);
        }
    }

    /// <summary>Parses straight from the stream (no copy of the whole text in memory); the caller bounds its length.</summary>
    public static PackageManifest Read(Stream json, string origin)
    {
        try
        {
            return Checked(JsonSerializer.Deserialize<PackageManifest>(json, CatalogJson.Options), origin);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            throw new PackageFormatException($"{origin} is not a valid package manifest: {e.Message}", e);
        }
    }

    private static PackageManifest Checked(PackageManifest? manifest, string origin) =>
        manifest ?? throw new PackageFormatException($"{origin} is not a valid package manifest: it is the JSON literal null");

    /// <summary>
    /// Checks what every manifest needs. With <paramref name="requireDigests"/> every file must carry a 64-hex-digit
    /// SHA-256 (a package's manifest); without it an empty SHA-256 means "fill it in" (a manifest being built).
    /// </summary>
    public static void Validate(PackageManifest manifest, string origin, bool requireDigests)
    {
        if (manifest.FormatVersion is < 1 or > PackageManifest.CurrentFormatVersion)
        {
            throw new PackageFormatException(
                $"{origin} has format version {manifest.FormatVersion}; this program supports version {PackageManifest.CurrentFormatVersion}");
        }

        if (string.IsNullOrWhiteSpace(manifest.Name))
        {
            throw new PackageFormatException($"{origin} has no 'name'");
        }

        if (string.IsNullOrWhiteSpace(manifest.Version))
        {
            throw new PackageFormatException($"{origin} of '{manifest.Name}' has no 'version'");
        }

        if (manifest.Platform is null)
        {
            throw new PackageFormatException($"{origin} of '{manifest.Name} {manifest.Version}' has no 'platform'");
        }

        RequireList(manifest.Files, "files", origin);
        RequireList(manifest.Directories, "directories", origin);
        RequireList(manifest.Links, "links", origin);
        RequireList(manifest.Settings, "settings", origin);
        RequireList(manifest.EnvironmentVariables, "environmentVariables", origin);
        RequireList(manifest.Shortcuts, "shortcuts", origin);
        RequireList(manifest.Deletions, "deletions", origin);
        RequireList(manifest.Scripts, "scripts", origin);

        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        var exactSources = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < manifest.Files.Count; i++)
        {
            var file = manifest.Files[i] ?? throw new PackageFormatException($"{origin}: files[{i}] is null");
            if (PackagePaths.FindProblem(file.Source) is { } problem)
            {
                throw new PackageFormatException($"{origin}: file source '{file.Source}' {problem}");
            }

            if (string.IsNullOrWhiteSpace(file.Target))
            {
                throw new PackageFormatException($"{origin}: file '{file.Source}' has no target");
            }

            if (file.Size < 0)
            {
                throw new PackageFormatException($"{origin}: file '{file.Source}' has a negative size ({file.Size})");
            }

            if (file.Mode is < 0 or > 4095)
            {
                throw new PackageFormatException($"{origin}: file '{file.Source}' has mode {file.Mode}, outside 0..07777");
            }

            var hasDigest = !string.IsNullOrEmpty(file.Sha256);
            if ((requireDigests || hasDigest) && !IsSha256(file.Sha256))
            {
                throw new PackageFormatException(
                    $"{origin}: file '{file.Source}' has SHA-256 '{file.Sha256}', which is not 64 hexadecimal digits");
            }

            var key = PackagePaths.CollisionKey(file.Source, manifest.Platform.OsFamily);
            if (sources.TryGetValue(key, out var earlier))
            {
                throw new PackageFormatException(earlier == file.Source
                    ? $"{origin} lists file source '{file.Source}' twice"
                    : $"{origin}: file sources '{earlier}' and '{file.Source}' collide (same name after Unicode normalisation and case folding)");
            }

            if (file.HardLinkOf is { } other && !exactSources.Contains(other))
            {
                throw new PackageFormatException($"{origin}: file '{file.Source}' is a hard link of '{other}', which is not an earlier file of the package");
            }

            sources.Add(key, file.Source);
            exactSources.Add(file.Source);
        }

        CheckTargets(manifest.Directories.Select(d => d?.Target), "directory", origin);
        CheckLinks(manifest.Links, origin);
        CheckTargets(manifest.Settings.Select(s => s?.File), "setting file", origin);
        CheckTargets(manifest.Deletions, "deletion", origin);
        foreach (var variable in manifest.EnvironmentVariables)
        {
            if (variable is null || string.IsNullOrWhiteSpace(variable.Name) || variable.Value is null)
            {
                throw new PackageFormatException($"{origin} has an environment variable without a name or value");
            }
        }
    }

    private static void RequireList<T>(IReadOnlyList<T>? list, string field, string origin)
    {
        if (list is null)
        {
            throw new PackageFormatException($"{origin}: '{field}' is null (use [] for none)");
        }
    }

    private static void CheckTargets(IEnumerable<string?> targets, string what, string origin)
    {
        if (targets.Any(string.IsNullOrWhiteSpace))
        {
            throw new PackageFormatException($"{origin} has a {what} with an empty target path");
        }
    }

    private static void CheckLinks(IReadOnlyList<PackageLink> links, string origin)
    {
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i] ?? throw new PackageFormatException($"{origin}: links[{i}] is null");
            if (string.IsNullOrWhiteSpace(link.Target))
            {
                throw new PackageFormatException($"{origin}: links[{i}] has no target (where the link goes)");
            }

            if (string.IsNullOrEmpty(link.LinkTarget) || link.LinkTarget.Contains('\0', StringComparison.Ordinal))
            {
                throw new PackageFormatException($"{origin}: the link '{link.Target}' has an empty or invalid linkTarget (the text stored in the link)");
            }
        }
    }

    private static bool IsSha256(string? value) => value is { Length: 64 } && value.All(char.IsAsciiHexDigit);
}
