using Catalog.Applications;
using Portal.Data;
using Catalog.Packaging;
using Catalog.Requirements;
using Microsoft.Extensions.Options;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;

namespace Portal.Administration;

/// <summary>
/// What administrators do to applications, for the pages and the REST API alike: validated create, update and delete,
/// package upload (checked before anything is stored) and export/import of application images. Every change is audited.
/// </summary>
public sealed class ApplicationAdminService(
    ApplicationRepository applications,
    PackageRepository packages,
    PackageStore store,
    AuditTrail audit,
    IOptions<AgentLinkOptions> options,
    TimeProvider time)
{
    public Task<IReadOnlyList<Application>> ListAsync(CancellationToken cancellationToken) => applications.ListAsync(cancellationToken);

    public Task<Application?> GetAsync(Guid id, CancellationToken cancellationToken) => applications.GetAsync(id, cancellationToken);

    public Task<StoredPackage?> GetPackageAsync(string sha256, CancellationToken cancellationToken) => packages.GetAsync(sha256, cancellationToken);

    /// <summary>
    /// Every problem with <paramref name="application"/>: the domain rules of <see cref="ApplicationValidator"/>, plus
    /// references to applications that are not in the catalog and a package the store does not hold.
    /// </summary>
    public async Task<IReadOnlyList<ValidationError>> ValidateAsync(Application application, CancellationToken cancellationToken)
    {
        var errors = ApplicationValidator.Validate(application).ToList();
        var catalog = await applications.ListAsync(cancellationToken);
        var known = catalog.Select(a => a.Id).ToHashSet();
        if (application.Supersedes is not null && application.Supersedes != application.Id
            && Supersedence.Problem(application, [.. catalog.Where(a => a.Id != application.Id), application]) is { } replacing)
        {
            errors.Add(new("Supersedes", replacing));
        }

        known.Add(application.Id);
        for (var i = 0; i < application.Dependencies.Count; i++)
        {
            AddUnknown(errors, $"Dependencies[{i}]", application.Dependencies[i].ApplicationId, known, "depends on");
        }

        for (var i = 0; i < application.Conflicts.Count; i++)
        {
            AddUnknown(errors, $"Conflicts[{i}]", application.Conflicts[i].ApplicationId, known, "conflicts with");
        }

        for (var i = 0; i < application.Requirements.Count; i++)
        {
            if (application.Requirements[i] is InstalledSoftwareRequirement installed)
            {
                AddUnknown(errors, $"Requirements[{i}]", installed.ApplicationId, known, "requires");
            }
        }

        if (application.Package is { } package && package.Sha256 is { Length: 64 } && !store.Exists(package.Sha256))
        {
            errors.Add(new("Package.Sha256", $"The package store holds no package {package.Sha256}; upload the package file instead of naming it"));
        }

        return errors;
    }

    /// <summary>The application's line of versions (read by key), newest first.</summary>
    public Task<IReadOnlyList<ApplicationVersion>> ListVersionsAsync(Guid id, CancellationToken cancellationToken) =>
        applications.ListVersionsAsync(id, cancellationToken);

    /// <summary>Adds a new application.</summary>
    /// <exception cref="ApplicationValidationException">The application has problems; nothing was saved.</exception>
    /// <exception cref="DuplicateApplicationException">Another application has the same name and version.</exception>
    /// <exception cref="InvalidOperationException">An application with this id exists already.</exception>
    public async Task<Application> CreateAsync(Application application, string actor, CancellationToken cancellationToken)
    {
        if (await applications.GetAsync(application.Id, cancellationToken) is not null)
        {
            throw new InvalidOperationException($"An application with id {application.Id} exists already; update it instead.");
        }

        await ThrowIfInvalidAsync(application, cancellationToken);
        var stored = await applications.UpsertAsync(application, cancellationToken);
        await audit.RecordAsync(actor, "application.create", Target(stored), $"Created {stored.Name} {stored.Version}", cancellationToken);
        return stored;
    }

    /// <summary>
    /// Replaces the application with this id. A null <see cref="Application.Package"/> keeps the current package (packages
    /// change through <see cref="UploadPackageAsync"/>).
    /// </summary>
    /// <exception cref="ApplicationNotFoundException">No application has this id.</exception>
    /// <exception cref="ApplicationValidationException">The application has problems; nothing was saved.</exception>
    /// <exception cref="DuplicateApplicationException">Another application has the same name and version.</exception>
    public async Task<Application> UpdateAsync(Application application, string actor, CancellationToken cancellationToken)
    {
        var current = await applications.GetAsync(application.Id, cancellationToken) ?? throw new ApplicationNotFoundException(application.Id);
        var updated = application.Package is null ? application with { Package = current.Package } : application;
        await ThrowIfInvalidAsync(updated, cancellationToken);
        var stored = await applications.UpsertAsync(updated, cancellationToken);
        await audit.RecordAsync(actor, "application.update", Target(stored), ChangeSummary(current, stored), cancellationToken);
        return stored;
    }

    /// <summary>Deletes the application; returns false when it did not exist.</summary>
    /// <exception cref="ApplicationInUseException">Other applications depend on, conflict with or require it.</exception>
    public async Task<bool> DeleteAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var all = await applications.ListAsync(cancellationToken);
        var application = all.FirstOrDefault(a => a.Id == id);
        if (application is null)
        {
            return false;
        }

        var users = all.Where(a => a.Id != id && References(a, id)).Select(a => $"{a.Name} {a.Version}").ToList();
        if (users.Count > 0)
        {
            throw new ApplicationInUseException(
                $"{application.Name} {application.Version} cannot be deleted: {string.Join(", ", users)} refer(s) to it as a dependency, conflict, requirement or replaced application. Remove those references first.");
        }

        if (!await applications.DeleteAsync(id, cancellationToken))
        {
            return false;
        }

        await audit.RecordAsync(actor, "application.delete", Target(application), $"Deleted {application.Name} {application.Version}", cancellationToken);
        return true;
    }

    /// <summary>
    /// Checks the uploaded package file (zip layout, manifest, every payload's size and SHA-256), then stores it,
    /// records it and points the application at it with the platform its manifest names. A refused package leaves
    /// nothing behind.
    /// </summary>
    /// <param name="expectedSha256">When given, the uploaded bytes must hash to it.</param>
    /// <exception cref="ApplicationNotFoundException">No application has this id.</exception>
    /// <exception cref="PackageRejectedException">The file is not a sound package (the message says why).</exception>
    public async Task<UploadedPackage> UploadPackageAsync(
        Guid id, Stream content, string? fileName, string? expectedSha256, string actor, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken) ?? throw new ApplicationNotFoundException(id);
        var name = PackageFileNames.Sanitize(fileName);
        using var staging = PackageStaging.Create(options);
        var (path, _) = await staging.WriteAsync(content, name, cancellationToken);
        var stored = await StorePackageAsync(path, name, expectedSha256, actor, cancellationToken, application);
        var updated = application with
        {
            Package = new PackageReference(stored.Sha256, stored.Size, name),
            Platform = PlatformOf(stored.Manifest),
        };
        await ThrowIfInvalidAsync(updated, cancellationToken);
        var saved = await applications.UpsertAsync(updated, cancellationToken);
        await audit.RecordAsync(actor, "application.package", Target(saved),
            $"Uploaded package {name} ({stored.Size} bytes, SHA-256 {stored.Sha256}, {stored.Manifest.Files.Count} files, {stored.Manifest.Platform.OsFamily})",
            cancellationToken);
        await ForgetIfUnusedAsync(application.Package?.Sha256, stored.Sha256, actor, cancellationToken);
        return new UploadedPackage(saved, stored);
    }

    /// <summary>Writes the application and its package as one image file (see <see cref="ApplicationImage"/>) to a temporary file and returns it opened for reading; it is deleted when closed.</summary>
    /// <exception cref="ApplicationNotFoundException">No application has this id.</exception>
    /// <exception cref="InvalidOperationException">The package store lost the application's package.</exception>
    public async Task<(Stream Image, string FileName)> ExportAsync(Guid id, CompressionChoice compression, string actor, CancellationToken cancellationToken)
    {
        var application = await applications.GetAsync(id, cancellationToken) ?? throw new ApplicationNotFoundException(id);
        string? packagePath = null;
        if (application.Package is { } package)
        {
            packagePath = store.Find(package.Sha256)
                ?? throw new InvalidOperationException($"The package store no longer holds package {package.Sha256} of {application.Name} {application.Version}; upload it again before exporting.");
        }

        var temporary = Path.Combine(Directory.CreateDirectory(Path.Combine(options.Value.DataDirectory, "uploads")).FullName, $".export-{Guid.NewGuid():N}.zip");
        var image = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await ApplicationImage.WriteAsync(application, packagePath, image, compression, cancellationToken);
            image.Position = 0;
        }
        catch
        {
            await image.DisposeAsync();
            throw;
        }

        await audit.RecordAsync(actor, "application.export", Target(application), $"Exported with compression {compression}", cancellationToken);
        return (image, ApplicationImage.FileNameFor(application));
    }

    /// <summary>
    /// Reads an image written by <see cref="ExportAsync"/>: the package must match the SHA-256 and size application.json
    /// records and pass the package checks, and the application must validate. Creates the application, or replaces the
    /// one with the same id.
    /// </summary>
    /// <exception cref="PackageRejectedException">The image is malformed or tampered with; nothing was stored.</exception>
    /// <exception cref="ApplicationValidationException">The application it holds has problems here (e.g. a dependency missing from this catalog).</exception>
    /// <exception cref="DuplicateApplicationException">Another application has the same name and version.</exception>
    public async Task<Application> ImportAsync(Stream image, string actor, CancellationToken cancellationToken)
    {
        using var staging = PackageStaging.Create(options);
        var (imagePath, _) = await staging.WriteAsync(image, "image.zip", cancellationToken);
        var (application, packagePath) = await ApplicationImage.ReadAsync(imagePath, staging, cancellationToken);
        var existing = await applications.GetAsync(application.Id, cancellationToken);
        await ThrowIfInvalidAsync(application with { Package = null }, cancellationToken);
        if (application.Package is { } package)
        {
            var stored = await StorePackageAsync(packagePath!, package.FileName, package.Sha256, actor, cancellationToken);
            application = application with { Package = package with { Size = stored.Size } };
        }

        await ThrowIfInvalidAsync(application, cancellationToken);
        var saved = await applications.UpsertAsync(application, cancellationToken);
        await audit.RecordAsync(actor, "application.import", Target(saved),
            existing is null ? $"Imported {saved.Name} {saved.Version}" : $"Imported {saved.Name} {saved.Version} over the existing application", cancellationToken);
        return saved;
    }

    /// <param name="forApplication">When given, the package must be built for this application's OS (an agent would refuse it at install anyway).</param>
    private async Task<StoredPackage> StorePackageAsync(
        string path, string fileName, string? expectedSha256, string actor, CancellationToken cancellationToken, Application? forApplication = null)
    {
        var sha256 = await PackageHash.ComputeAsync(path, cancellationToken);
        if (expectedSha256 is not null && !string.Equals(expectedSha256.Trim(), sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new PackageRejectedException(
                $"Package '{fileName}' has SHA-256 {sha256}, not the expected {expectedSha256.Trim().ToLowerInvariant()}; it was altered or is another file. Nothing was stored.");
        }

        PackageManifest manifest;
        try
        {
            using var archive = PackageReader.Open(path);
            if (await archive.VerifyAsync(cancellationToken) is { } failure)
            {
                throw new PackageFormatException(failure.Message);
            }

            manifest = archive.Manifest;
        }
        catch (PackageFormatException exception)
        {
            throw new PackageRejectedException($"{exception.Message.Replace(path, fileName, StringComparison.Ordinal)}. Nothing was stored.", exception);
        }

        if (forApplication is not null && manifest.Platform.OsFamily != forApplication.Platform.OsFamily)
        {
            throw new PackageRejectedException(
                $"Package '{fileName}' was built for {manifest.Platform.OsFamily}, but {forApplication.Name} {forApplication.Version} is a {forApplication.Platform.OsFamily} application; change the application's platform first or upload a {forApplication.Platform.OsFamily} package. Nothing was stored.");
        }

        long size;
        await using (var content = File.OpenRead(path))
        {
            (_, size) = await store.AddAsync(content, sha256, cancellationToken);
        }

        var stored = new StoredPackage
        {
            Sha256 = sha256,
            Size = size,
            FileName = fileName,
            Manifest = manifest,
            UploadedAt = time.GetUtcNow(),
            UploadedBy = actor,
        };
        return await packages.AddAsync(stored, cancellationToken) ? stored : await packages.GetAsync(sha256, cancellationToken) ?? stored;
    }

    /// <summary>
    /// Removes a replaced package's file and record when no application refers to it any more, so the store does not
    /// grow with every upload. An agent already downloading it keeps its open file (Linux unlink semantics).
    /// </summary>
    private async Task ForgetIfUnusedAsync(string? replaced, string current, string actor, CancellationToken cancellationToken)
    {
        if (replaced is null || string.Equals(replaced, current, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var all = await applications.ListAsync(cancellationToken);
        if (all.Any(a => string.Equals(a.Package?.Sha256, replaced, StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        await packages.DeleteAsync(replaced, cancellationToken);
        if (store.Delete(replaced))
        {
            await audit.RecordAsync(actor, "package.delete", replaced, $"Deleted package {replaced}: no application uses it any more", cancellationToken);
        }
    }

    private async Task ThrowIfInvalidAsync(Application application, CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(application, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ApplicationValidationException(errors);
        }
    }

    private static TargetPlatform PlatformOf(PackageManifest manifest) => new()
    {
        OsFamily = manifest.Platform.OsFamily,
        Architectures = manifest.Platform.Architecture is { } architecture ? [architecture] : [],
    };

    private static void AddUnknown(List<ValidationError> errors, string field, Guid? target, HashSet<Guid> known, string verb)
    {
        if (target is { } id && !known.Contains(id))
        {
            errors.Add(new(field, $"The application {verb} application {id}, which is not in the catalog"));
        }
    }

    private static bool References(Application application, Guid id) =>
        application.Supersedes == id
        || application.Dependencies.Any(d => d.ApplicationId == id)
        || application.Conflicts.Any(c => c.ApplicationId == id)
        || application.Requirements.OfType<InstalledSoftwareRequirement>().Any(r => r.ApplicationId == id);

    private static string Target(Application application) => $"application {application.Id} ({application.Name} {application.Version})";

    private static string ChangeSummary(Application before, Application after)
    {
        var changes = new List<string>();
        Compare("name", before.Name, after.Name);
        Compare("version", before.Version, after.Version);
        Compare("publisher", before.Publisher, after.Publisher);
        Compare("category", before.Category, after.Category);
        Count("requirements", before.Requirements.Count, after.Requirements.Count);
        Count("macros", before.Macros.Count, after.Macros.Count);
        Count("sources", before.Sources.Count, after.Sources.Count);
        Count("dependencies", before.Dependencies.Count, after.Dependencies.Count);
        Count("conflicts", before.Conflicts.Count, after.Conflicts.Count);
        Count("scripts", before.Scripts.Count, after.Scripts.Count);
        if (before.Availability.Mode != after.Availability.Mode)
        {
            changes.Add($"availability {before.Availability.Mode} -> {after.Availability.Mode}");
        }

        return changes.Count == 0 ? "Saved (no change to name, version, publisher, category or list sizes)" : "Changed " + string.Join("; ", changes);

        void Compare(string what, string old, string @new)
        {
            if (!string.Equals(old, @new, StringComparison.Ordinal))
            {
                changes.Add($"{what} '{old}' -> '{@new}'");
            }
        }

        void Count(string what, int old, int @new)
        {
            if (old != @new)
            {
                changes.Add($"{what} {old} -> {@new}");
            }
        }
    }
}
