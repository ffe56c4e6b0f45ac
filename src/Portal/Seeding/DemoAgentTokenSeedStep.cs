using Microsoft.Extensions.Options;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Hosting;

namespace Portal.Seeding;

/// <summary>
/// Writes an enrollment token for the demo user alice@example.com to <c>&lt;DataDirectory&gt;/demo-agent.token</c> (mode 0600)
/// so a newcomer can start a local agent with one command (<c>clientagent run --portal … --token-file …</c>, see README).
/// A token is issued again only when the file is missing, e.g. after the first agent used it and the file was deleted.
/// </summary>
public sealed class DemoAgentTokenSeedStep(
    EnrollmentService enrollment,
    IOptions<PortalOptions> options,
    ILogger<DemoAgentTokenSeedStep> logger) : IDemoSeedStep
{
    public const string FileName = "demo-agent.token";

    public int Order => 400;

    public string Name => "demo agent enrollment token";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Value.DataDirectory, FileName);
        if (File.Exists(path))
        {
            return;
        }

        var token = await enrollment.CreateTokenAsync(DemoUsers.Alice, 24 * 30, "demo seed", cancellationToken);
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, token.Token + "\n", cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
        logger.LogInformation("Demo agent enrollment token for {Owner} written to {Path} (valid until {ExpiresAt:u})", DemoUsers.Alice, path, token.ExpiresAt);
    }
}
