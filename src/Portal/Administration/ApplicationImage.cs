using System.IO.Compression;
using System.Text.Json;
using Catalog.Applications;
using Catalog.Packaging;
using Catalog.Serialization;

namespace Portal.Administration;

/// <summary>
/// The application image: one zip file holding <c>application.json</c> (the application record as the REST API shows it)
/// and, when the application has a package, the package file as <c>package/&lt;file name&gt;</c>. Reading refuses any
/// other entry, a malformed record, and a package whose size or SHA-256 differs from what application.json records.
/// </summary>
public static class ApplicationImage
{
    public const string ApplicationEntry = "application.json";
    public const string PackagePrefix = "package/";
    public const long MaxApplicationJsonBytes = 4 * 1024 * 1024;

    public static string FileNameFor(Application application) =>
        PackageFileNames.Sanitize($"{application.Name}-{application.Version}.appimage.zip").Replace(' ', '-');

    /// <summary>Writes the image to <paramref name="output"/> (left open).</summary>
    public static async Task WriteAsync(Application application, string? packagePath, Stream output, CompressionChoice compression, CancellationToken cancellationToken)
    {
        var level = PackageWriter.ToCompressionLevel(compression);
        await using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var record = zip.CreateEntry(ApplicationEntry, level);
        await using (var json = await record.OpenAsync(cancellationToken))
        {
            await JsonSerializer.SerializeAsync(json, application, CatalogJson.Indented, cancellationToken);
        }

        if (application.Package is { } package && packagePath is not null)
        {
            var entry = zip.CreateEntry(PackagePrefix + PackageFileNames.Sanitize(package.FileName), level);
            await using var target = await entry.OpenAsync(cancellationToken);
            await using var source = File.OpenRead(packagePath);
            await source.CopyToAsync(target, cancellationToken);
        }
    }

    /// <summary>Reads and checks the image at <paramref name="imagePath"/>, extracting its package into <paramref name="staging"/>.</summary>
    /// <returns>The application and the extracted package file's path (null when the application has no package).</returns>
    /// <exception cref="PackageRejectedException">The image is malformed or its package does not match application.json.</exception>
    public static async Task<(Application Application, string? PackagePath)> ReadAsync(string imagePath, PackageStaging staging, CancellationToken cancellationToken)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(File.OpenRead(imagePath), ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException exception)
        {
            throw new PackageRejectedException($"The uploaded file is not an application image: it is not a readable zip archive ({exception.Message}).", exception);
        }

        using (zip)
        {
            ZipArchiveEntry? record = null;
            ZipArchiveEntry? packageEntry = null;
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName == ApplicationEntry)
                {
                    record = entry;
                }
                else if (entry.FullName.StartsWith(PackagePrefix, StringComparison.Ordinal) && entry.FullName.Length > PackagePrefix.Length && packageEntry is null
                         && PackageFileNames.Sanitize(entry.FullName[PackagePrefix.Length..]) == entry.FullName[PackagePrefix.Length..])
                {
                    packageEntry = entry;
                }
                else
                {
                    throw new PackageRejectedException(
                        $"The application image has an unexpected entry '{entry.FullName}'; an image holds only {ApplicationEntry} and one package/<file>.");
                }
            }

            if (record is null)
            {
                throw new PackageRejectedException($"The application image has no {ApplicationEntry}.");
            }

            var application = await ReadApplicationAsync(record, cancellationToken);
            if (application.Package is null)
            {
                return packageEntry is null
                    ? (application, null)
                    : throw new PackageRejectedException($"The application image holds '{packageEntry.FullName}' but its {ApplicationEntry} names no package.");
            }

            if (packageEntry is null)
            {
                throw new PackageRejectedException(
                    $"The application image's {ApplicationEntry} names package {application.Package.Sha256} but the image holds no package/ entry.");
            }

            var path = staging.PathFor("package-" + Guid.NewGuid().ToString("N") + ".zip");
            string sha256;
            long size;
            try
            {
                await using (var source = await packageEntry.OpenAsync(cancellationToken))
                await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    await source.CopyToAsync(target, cancellationToken);
                    size = target.Length;
                }

                sha256 = await PackageHash.ComputeAsync(path, cancellationToken);
            }
            catch (InvalidDataException exception)
            {
                throw new PackageRejectedException($"The application image's entry '{packageEntry.FullName}' is corrupt ({exception.Message}).", exception);
            }

            if (!string.Equals(sha256, application.Package.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new PackageRejectedException(
                    $"The application image's package has SHA-256 {sha256} but {ApplicationEntry} records {application.Package.Sha256}: the image was altered. Nothing was stored.");
            }

            if (size != application.Package.Size)
            {
                throw new PackageRejectedException(
                    $"The application image's package is {size} bytes but {ApplicationEntry} records {application.Package.Size}: the image was altered. Nothing was stored.");
            }

            return (application, path);
        }
    }

    private static async Task<Application> ReadApplicationAsync(ZipArchiveEntry record, CancellationToken cancellationToken)
    {
        if (record.Length > MaxApplicationJsonBytes)
        {
            throw new PackageRejectedException($"The application image's {ApplicationEntry} is {record.Length} bytes, more than the {MaxApplicationJsonBytes} allowed.");
        }

        try
        {
            await using var json = await record.OpenAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync<Application>(json, CatalogJson.Options, cancellationToken)
                ?? throw new PackageRejectedException($"The application image's {ApplicationEntry} is empty.");
        }
        catch (JsonException exception)
        {
            throw new PackageRejectedException($"The application image's {ApplicationEntry} is not a valid application: {exception.Message}", exception);
        }
        catch (InvalidDataException exception)
        {
            throw new PackageRejectedException($"The application image's {ApplicationEntry} is corrupt ({exception.Message}).", exception);
        }
    }
}
