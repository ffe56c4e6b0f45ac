using System.Text.Json;
using Catalog.Serialization;

namespace ClientAgent.Service;

/// <summary><c>&lt;state-dir&gt;/agent.json</c>, readable and writable by its owner only (mode 0600).</summary>
public static class AgentCredentialsFile
{
    public const string FileName = "agent.json";

    public static string PathIn(string stateDirectory) => Path.Combine(stateDirectory, FileName);

    public static void Save(string stateDirectory, AgentCredentials credentials)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = PathIn(stateDirectory);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, credentials, CatalogJson.Indented);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="InvalidOperationException">The agent is not enrolled, or the file is unreadable.</exception>
    public static AgentCredentials Load(string stateDirectory)
    {
        var path = PathIn(stateDirectory);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"This machine is not enrolled: {path} does not exist. Run 'clientagent enroll --portal URL --token TOKEN' first.");
        }

        try
        {
            using var stream = File.OpenRead(path);
            var credentials = JsonSerializer.Deserialize<AgentCredentials>(stream, CatalogJson.Options);
            if (credentials is null || string.IsNullOrWhiteSpace(credentials.Portal) || string.IsNullOrWhiteSpace(credentials.Credential))
            {
                throw new InvalidOperationException($"{path} does not hold a portal address and credential; enroll again.");
            }

            return credentials;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"{path} is not valid JSON ({ex.Message}); enroll again.", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new InvalidOperationException($"{path} cannot be read by this user; run the agent as the user that enrolled it.", ex);
        }
    }
}
