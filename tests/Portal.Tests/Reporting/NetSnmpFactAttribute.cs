namespace Portal.Tests.Reporting;

/// <summary>
/// A fact that needs Debian's net-snmp tools (<c>snmptrap</c> from package snmp, <c>snmptrapd</c> from package
/// snmptrapd; .ci/run installs both); skipped with that message where they are missing.
/// </summary>
public sealed class NetSnmpFactAttribute : FactAttribute
{
    public NetSnmpFactAttribute()
    {
        if (Find("snmptrap") is null || Find("snmptrapd") is null)
        {
            Skip = "Install Debian's snmp and snmptrapd packages (net-snmp) to check traps against snmptrap and snmptrapd.";
        }
    }

    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin"])
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
