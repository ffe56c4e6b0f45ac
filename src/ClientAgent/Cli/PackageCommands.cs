using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Catalog.Packaging;
using Catalog.Serialization;

namespace ClientAgent.Cli;

/// <summary>The <c>package build|inspect|verify</c> commands.</summary>
public static class PackageCommands
{
    public static IEnumerable<Command> Create()
    {
        var package = new Command("package", "Build, inspect and verify package files");
        package.Subcommands.Add(CreateBuild());
        package.Subcommands.Add(CreateInspect());
        package.Subcommands.Add(CreateVerify());
        yield return package;
    }

    private static Option<DirectoryInfo> StateDirOption() =>
        new("--state-dir") { Description = "The agent's state directory (credentials, receipts, journal, cache)" };

    private static Command CreateBuild()
    {
        var from = new Option<DirectoryInfo>("--from") { Description = "Directory holding the payload files", Required = true };
        var manifest = new Option<FileInfo>("--manifest")
        {
            Description = "Manifest JSON; sizes, hashes and the whole files list may be left out and are filled in from --from",
            Required = true,
        };
        var output = new Option<FileInfo>("--out") { Description = "Package file to write", Required = true };
        var compression = new Option<CompressionChoice>("--compression")
        {
            Description = "None, Fastest, Balanced or Smallest",
            DefaultValueFactory = _ => CompressionChoice.Balanced,
        };
        var command = new Command("build", "Build a package file from a directory and a manifest; prints the package's SHA-256")
        {
            from, manifest, output, compression, StateDirOption(),
        };
        command.SetAction((parseResult, cancellationToken) => CommandBody.RunAsync(parseResult, async () =>
        {
            var source = parseResult.GetValue(from)!;
            if (!source.Exists)
            {
                throw new PackageFormatException($"Payload directory '{source.FullName}' does not exist");
            }

            var draft = await ReadDraftManifestAsync(parseResult.GetValue(manifest)!, source.FullName, cancellationToken);
            var result = await PackageWriter.WriteAsync(
                draft, source.FullName, parseResult.GetValue(output)!.FullName, parseResult.GetValue(compression), cancellationToken);
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(result.Sha256);
        }));
        return command;
    }

    private static Command CreateInspect()
    {
        var file = new Argument<FileInfo>("file") { Description = "The package file" };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON" };
        var command = new Command("inspect", "Show what a package contains") { file, json, StateDirOption() };
        command.SetAction((parseResult, cancellationToken) => CommandBody.RunAsync(parseResult, async () =>
        {
            using var archive = PackageReader.Open(parseResult.GetValue(file)!.FullName);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(archive.Manifest, CatalogJson.Indented));
            }
            else
            {
                await output.WriteAsync(Describe(archive.Manifest));
            }
        }));
        return command;
    }

    private static Command CreateVerify()
    {
        var file = new Argument<FileInfo>("file") { Description = "The package file" };
        var command = new Command("verify", "Check every payload file's size and SHA-256 against the manifest") { file, StateDirOption() };
        command.SetAction((parseResult, cancellationToken) => CommandBody.RunAsync(parseResult, async () =>
        {
            var path = parseResult.GetValue(file)!.FullName;
            using var archive = PackageReader.Open(path);
            var failure = await archive.VerifyAsync(cancellationToken);
            if (failure is not null)
            {
                throw new PackageFormatException($"Package '{path}' failed verification at '{failure.File.Source}': {failure.Message}");
            }

            var manifest = archive.Manifest;
            await parseResult.InvocationConfiguration.Output.WriteLineAsync(
                $"Package '{manifest.Name} {manifest.Version}' verified: {manifest.Files.Count} files, {manifest.Files.Sum(f => f.Size)} bytes, {manifest.Links.Count} links");
        }));
        return command;
    }

    /// <summary>Reads the manifest given to <c>package build</c>, filling in the files list when it is absent.</summary>
    internal static async Task<PackageManifest> ReadDraftManifestAsync(FileInfo file, string payloadDirectory, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            throw new PackageFormatException($"Manifest file '{file.FullName}' does not exist");
        }

        var bytes = await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        var origin = $"Manifest file '{file.FullName}'";
        var manifest = await PackageManifestValidator.ReadAsync(new MemoryStream(bytes), origin, cancellationToken);
        var declaredSizes = DeclaredSizes(bytes);
        IReadOnlyList<PackageFile> files;
        var links = manifest.Links;
        if (declaredSizes is not null)
        {
            var onDisk = DirectoryPackageContent.ListFiles(payloadDirectory, manifest.Name).ToDictionary(f => f.Source, StringComparer.Ordinal);
            files = [.. manifest.Files.Select((f, i) =>
            {
                if (f is null || !onDisk.TryGetValue(f.Source ?? "", out var disk))
                {
                    return f!;
                }

                var size = declaredSizes.Count > i && declaredSizes[i] ? f.Size : new FileInfo(Path.Combine(payloadDirectory, f.Source!)).Length;
                return f with { Size = size, ModifiedAt = f.ModifiedAt ?? disk.ModifiedAt };
            })];
        }
        else
        {
            files = DirectoryPackageContent.ListFiles(payloadDirectory, manifest.Name);
            if (links.Count == 0)
            {
                links = DirectoryPackageContent.ListLinks(payloadDirectory, manifest.Name);
            }
        }

        return manifest with
        {
            Files = files,
            Links = links,
            CreatedAt = manifest.CreatedAt == default ? TimeProvider.System.GetUtcNow() : manifest.CreatedAt,
        };
    }

    /// <summary>For each entry of the manifest's "files" array, whether it gives a size; null when there is no "files" array.</summary>
    private static List<bool>? DeclaredSizes(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var files = document.RootElement.EnumerateObject()
            .FirstOrDefault(p => string.Equals(p.Name, "files", StringComparison.OrdinalIgnoreCase));
        if (files.Value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return [.. files.Value.EnumerateArray().Select(file => file.ValueKind == JsonValueKind.Object
            && file.EnumerateObject().Any(p => string.Equals(p.Name, "size", StringComparison.OrdinalIgnoreCase)))];
    }

    internal static string Describe(PackageManifest manifest)
    {
        var text = new System.Text.StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"{manifest.Name} {manifest.Version}{(manifest.Publisher.Length > 0 ? $" by {manifest.Publisher}" : "")}");
        var platform = manifest.Platform;
        var architecture = platform.Architecture is { } a ? " " + a : "";
        text.AppendLine(culture, $"Platform:    {platform.OsFamily} {platform.OsVersion}{architecture}");
        text.AppendLine(culture, $"Created:     {manifest.CreatedAt:u}");
        text.AppendLine(culture, $"Files:       {manifest.Files.Count} ({manifest.Files.Sum(f => f.Size)} bytes)");
        text.AppendLine(culture, $"Links:       {manifest.Links.Count}");
        text.AppendLine(culture, $"Directories: {manifest.Directories.Count}, settings: {manifest.Settings.Count}, environment variables: {manifest.EnvironmentVariables.Count}, shortcuts: {manifest.Shortcuts.Count}, deletions: {manifest.Deletions.Count}, scripts: {manifest.Scripts.Count}");
        foreach (var file in manifest.Files)
        {
            var mode = file.Mode is { } m ? " " + Convert.ToString(m, 8).PadLeft(4, '0') : "";
            var hardLink = file.HardLinkOf is { } other ? $"  (hard link of {other})" : "";
            text.AppendLine(culture, $"  file     {file.Target}  {file.Size} bytes  {file.Attribute}{mode}{hardLink}");
        }

        foreach (var link in manifest.Links)
        {
            text.AppendLine(culture, $"  link     {link.Target} -> {link.LinkTarget}");
        }

        foreach (var directory in manifest.Directories)
        {
            text.AppendLine(culture, $"  dir      {directory.Target}");
        }

        foreach (var setting in manifest.Settings)
        {
            text.AppendLine(culture, $"  setting  {setting.File} [{setting.Section}] {setting.Key}={setting.Value}  {setting.Attribute}");
        }

        foreach (var variable in manifest.EnvironmentVariables)
        {
            text.AppendLine(culture, $"  env      {variable.Name}={variable.Value}");
        }

        foreach (var shortcut in manifest.Shortcuts)
        {
            text.AppendLine(culture, $"  shortcut {shortcut.Location}/{shortcut.Name} -> {shortcut.Command}");
        }

        foreach (var deletion in manifest.Deletions)
        {
            text.AppendLine(culture, $"  delete   {deletion}");
        }

        foreach (var script in manifest.Scripts)
        {
            text.AppendLine(culture, $"  script   {script.Stage} ({script.Engine})");
        }

        return text.ToString();
    }
}
