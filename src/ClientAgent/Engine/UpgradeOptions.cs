namespace ClientAgent.Engine;

/// <summary>
/// An install over an installed version: the install's options plus what the portal saw on the machine when it
/// created the job. The agent re-checks both before it changes anything.
/// </summary>
public sealed record UpgradeOptions
{
    public required InstallOptions Install { get; init; }
    /// <summary>The installed version the job replaces; the receipt must say exactly this.</summary>
    public required string FromVersion { get; init; }
    /// <summary>The version the job names; the package's manifest must say exactly this (null: not checked).</summary>
    public string? ToVersion { get; init; }
    /// <summary>The administrator allows going to a lower version.</summary>
    public bool AllowDowngrade { get; init; }
    /// <summary>The catalog application the installed receipt belongs to when it is not the job's own (null: the job's).</summary>
    public Guid? FromApplicationId { get; init; }
}
