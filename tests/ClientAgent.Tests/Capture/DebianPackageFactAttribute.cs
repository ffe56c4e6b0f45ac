namespace ClientAgent.Tests.Capture;

/// <summary>A fact that needs real Debian packages; skipped, with the reason, where apt, dpkg-deb or the network are missing.</summary>
public sealed class DebianPackageFactAttribute : FactAttribute
{
    public DebianPackageFactAttribute()
    {
        if (DebianPackages.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
