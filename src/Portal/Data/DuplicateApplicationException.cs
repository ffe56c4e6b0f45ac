namespace Portal.Data;

/// <summary>Another application already has the same name and version.</summary>
public sealed class DuplicateApplicationException(string name, string version, Exception? inner = null)
    : Exception($"An application named '{name}' with version '{version}' already exists; change the version or edit that application.", inner)
{
    public string Name { get; } = name;

    public string Version { get; } = version;
}
