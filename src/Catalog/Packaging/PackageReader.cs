using System.IO.Compression;

namespace Catalog.Packaging;

/// <summary>
/// Opens package files. Everything that can be checked without reading the payload is checked here, before the
/// caller writes anything anywhere: entry names, entry kinds, duplicates and collisions, the manifest, the OS, and
/// that manifest and payload list the same files with the same sizes. Content hashes are checked as payloads are
/// read (<see cref="PackageArchive.OpenPayload"/>) or all at once (<see cref="PackageArchive.VerifyAsync"/>).
/// </summary>
public static class PackageReader
{
    private const int UnixFileTypeMask = 0xF000;
    private const int UnixRegularFile = 0x8000;
    private const int UnixDirectory = 0x4000;

    /// <param name="path">The package file.</param>
    /// <param name="expectedOs">This machine's platform; a package built for another OS family is refused. Null skips the check.</param>
    /// <param name="machineDescription">Shown after the machine's OS in the refusal, e.g. "Debian".</param>
    public static PackageArchive Open(string path, PackagePlatform? expectedOs = null, string? machineDescription = null)
    {
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new PackageFormatException($"Package file '{path}' does not exist", e);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new PackageFormatException($"Package file '{path}' cannot be read: {e.Message}", e);
        }

        ZipArchive? zip = null;
        try
        {
            try
            {
                zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
            }
            catch (InvalidDataException e)
            {
                throw new PackageFormatException($"'{path}' is not a package file: it is not a readable zip archive ({e.Message})", e);
            }

            var (manifestEntry, payload, folded) = CheckEntries(zip, path);
            var manifest = ReadManifest(manifestEntry, path);
            if (folded is { } pair && PackagePaths.FoldsNames(manifest.Platform.OsFamily))
            {
                throw new PackageFormatException(
                    $"Package '{path}' has entries '{pair.Earlier}' and '{pair.Name}' that collide on {manifest.Platform.OsFamily} (same name after Unicode normalisation and case folding)");
            }

            if (expectedOs is not null && manifest.Platform.OsFamily != expectedOs.OsFamily)
            {
                throw new WrongOsException(manifest, expectedOs, machineDescription);
            }

            CheckPayloadMatchesManifest(manifest, payload, path);
            return new PackageArchive(path, stream, zip, manifest, payload);
        }
        catch
        {
            zip?.Dispose();
            stream.Dispose();
            throw;
        }
    }

    /// <returns>Also the first pair of names that differ only by case or normalisation: refused once the manifest says the OS folds names.</returns>
    private static (ZipArchiveEntry Manifest, Dictionary<string, ZipArchiveEntry> Payload, (string Earlier, string Name)? Folded) CheckEntries(ZipArchive zip, string path)
    {
        ZipArchiveEntry? manifest = null;
        (string, string)? folded = null;
        var payload = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var exact = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            var name = entry.FullName;
            var isDirectory = name.EndsWith('/');
            var bare = isDirectory ? name[..^1] : name;
            if (PackagePaths.FindProblem(bare) is { } problem)
            {
                throw new PackageFormatException($"Package '{path}' has an unsafe entry '{name}': the name {problem}");
            }

            if (!exact.Add(name))
            {
                throw new PackageFormatException($"Package '{path}' has the entry '{name}' twice");
            }

            var key = PackagePaths.CollisionKey(name);
            if (seen.TryGetValue(key, out var earlier))
            {
                folded ??= (earlier, name);
            }
            else
            {
                seen.Add(key, name);
            }

            var fileType = (entry.ExternalAttributes >> 16) & UnixFileTypeMask;
            if (isDirectory)
            {
                if (fileType is not (0 or UnixDirectory) || entry.Length != 0)
                {
                    throw new PackageFormatException($"Package '{path}' has a directory entry '{name}' that is not a plain directory");
                }

                if (!name.StartsWith(PackagePaths.PayloadPrefix, StringComparison.Ordinal))
                {
                    throw new PackageFormatException($"Package '{path}' has an unexpected directory entry '{name}' outside payload/");
                }

                continue;
            }

            if (fileType != 0 && fileType != UnixRegularFile)
            {
                var kind = fileType == 0xA000 ? "a symbolic link" : "not a regular file";
                throw new PackageFormatException($"Package '{path}' has an entry '{name}' that is {kind}; packages hold regular files only");
            }

            if (name == PackagePaths.ManifestEntry)
            {
                manifest = entry;
            }
            else if (name.StartsWith(PackagePaths.PayloadPrefix, StringComparison.Ordinal))
            {
                payload.Add(name, entry);
            }
            else
            {
                throw new PackageFormatException($"Package '{path}' has an unexpected entry '{name}' (only manifest.json and payload/ belong in a package)");
            }
        }

        if (manifest is null)
        {
            throw new PackageFormatException($"Package '{path}' has no manifest.json");
        }

        return (manifest, payload, folded);
    }

    private static PackageManifest ReadManifest(ZipArchiveEntry entry, string path)
    {
        var origin = $"manifest.json of package '{path}'";
        if (entry.Length > PackageManifestValidator.MaxManifestBytes)
        {
            throw new PackageFormatException($"{origin} is {entry.Length} bytes, more than the {PackageManifestValidator.MaxManifestBytes} allowed");
        }

        using var raw = entry.Open();
        // Bounded like a payload, so a manifest entry that expands past its recorded length cannot exhaust memory.
        using var bounded = new BoundedReadStream(raw, entry.Length, origin);
        PackageManifest manifest;
        try
        {
            manifest = PackageManifestValidator.Read(bounded, origin);
        }
        catch (InvalidDataException e)
        {
            throw new PackageFormatException($"{origin} is corrupt: {e.Message}", e);
        }

        PackageManifestValidator.Validate(manifest, origin, requireDigests: true);
        return manifest;
    }

    private static void CheckPayloadMatchesManifest(PackageManifest manifest, Dictionary<string, ZipArchiveEntry> payload, string path)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            var name = PackagePaths.PayloadEntry(file);
            listed.Add(name);
            if (!payload.TryGetValue(name, out var entry))
            {
                throw new PackageFormatException($"Package '{path}' lists '{file.Source}' in its manifest but has no payload entry '{name}'");
            }

            if (entry.Length != file.Size)
            {
                throw new PackageFormatException(
                    $"Package '{path}': payload entry '{name}' is {entry.Length} bytes but the manifest declares {file.Size}");
            }
        }

        var extra = payload.Keys.FirstOrDefault(name => !listed.Contains(name));
        if (extra is not null)
        {
            throw new PackageFormatException($"Package '{path}' has a payload entry '{extra}' that its manifest does not list");
        }
    }
}
