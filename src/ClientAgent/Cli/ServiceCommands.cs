using System.CommandLine;
using ClientAgent.Connection;
using ClientAgent.Engine;
using ClientAgent.Service;
using Microsoft.Extensions.Hosting;

namespace ClientAgent.Cli;

/// <summary>
/// <c>enroll --portal URL [--portal URL ...] --token T [--state-dir D] [--name N]</c> stores the machine's credential
/// in <c>&lt;state-dir&gt;/agent.json</c> (mode 0600); <c>run [--state-dir D] [--portal URL ...] [--macro NAME=VALUE ...]</c>
/// runs the agent service until SIGTERM. Several <c>--portal</c> addresses are portal nodes of one fleet: enrollment
/// uses the first that answers, and the service fails over between them in order.
/// </summary>
public static class ServiceCommands
{
    public static IEnumerable<Command> Create() => [Enroll(), Run()];

    private static Command Enroll()
    {
        var portal = new Option<string[]>("--portal")
        {
            Description = "The portal's address, e.g. https://portal.example.org; repeat it for several portal nodes (failover order)",
            Required = true,
        };
        var token = new Option<string>("--token") { Description = "Enrollment token from the portal (used once)", Required = true };
        var name = new Option<string>("--name") { Description = "Machine name shown in the portal; default the host name" };
        var stateDir = InstallCommands.StateDirOption();
        var command = new Command("enroll", "Enroll this machine with the portal and store its credential") { portal, token, name, stateDir };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                var directory = parse.GetValue(stateDir)!;
                var portals = PortalAddresses.Parse(parse.GetValue(portal) ?? []);
                var credentials = await EnrollAsync(portals, parse.GetValue(token)!, parse.GetValue(name), directory, cancellationToken);
                Console.WriteLine($"Enrolled as machine {credentials.MachineId}; credential stored in {AgentCredentialsFile.PathIn(directory)}.");
                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return command;
    }

    /// <summary>
    /// Enrolls through the first portal node that answers (a node that refuses the token ends it: the token is the
    /// fleet's, not the node's) and stores the credential with every node, in order.
    /// </summary>
    private static async Task<AgentCredentials> EnrollAsync(
        IReadOnlyList<Uri> portals, string token, string? name, string directory, CancellationToken cancellationToken)
    {
        if (portals.Count == 0)
        {
            throw new InvalidOperationException("--portal needs at least one http(s) address.");
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var client = new EnrollmentClient(http);
        for (var i = 0; ; i++)
        {
            try
            {
                var credentials = await client.EnrollAsync(portals[i], token.Trim(), name ?? Environment.MachineName, null, cancellationToken);
                if (portals.Count > 1)
                {
                    credentials = credentials with { Portals = [.. portals.Select(p => p.AbsoluteUri)] };
                }

                AgentCredentialsFile.Save(directory, credentials);
                return credentials;
            }
            catch (InvalidOperationException ex) when (ex.InnerException is HttpRequestException && i + 1 < portals.Count)
            {
                Console.Error.WriteLine($"{ex.Message}; trying {portals[i + 1]}.");
            }
        }
    }

    private static Command Run()
    {
        var stateDir = InstallCommands.StateDirOption();
        var macros = new Option<string[]>("--macro")
        {
            Description = "Override a macro, special ones included (e.g. *PROGRAMS=/tmp/x), NAME=VALUE (repeatable)",
        };
        var portal = new Option<string[]>("--portal")
        {
            Description = "Portal node(s) to connect to, in failover order (repeatable; default: those in agent.json). On first start also enrolls (with --token or --token-file)",
        };
        var token = new Option<string>("--token") { Description = "First start only: enrollment token" };
        var tokenFile = new Option<string>("--token-file") { Description = "First start only: file holding the enrollment token" };
        var command = new Command("run", "Run the agent service: stay connected to the portal and run its jobs")
        {
            stateDir, macros, portal, token, tokenFile,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            AgentServiceOptions options;
            try
            {
                var directory = Path.GetFullPath(parse.GetValue(stateDir)!);
                var portals = PortalAddresses.Parse(parse.GetValue(portal) ?? []);
                if (!File.Exists(AgentCredentialsFile.PathIn(directory)) && portals.Count > 0)
                {
                    var enrollmentToken = parse.GetValue(token)
                        ?? (parse.GetValue(tokenFile) is { } file
                            ? await File.ReadAllTextAsync(file, cancellationToken)
                            : throw new InvalidOperationException("--portal needs --token or --token-file to enroll this machine."));
                    var enrolled = await EnrollAsync(portals, enrollmentToken, null, directory, cancellationToken);
                    Console.WriteLine($"Enrolled as machine {enrolled.MachineId}; credential stored in {AgentCredentialsFile.PathIn(directory)}.");
                }

                options = new AgentServiceOptions
                {
                    Credentials = AgentCredentialsFile.Load(directory),
                    Portals = portals,
                    StateDirectory = directory,
                    MacroOverrides = InstallCommands.Pairs(parse.GetValue(macros), "--macro"),
                };
                new AgentStateDirectory(directory).EnsureCreated();
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or UnauthorizedAccessException or EngineFailureException)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }

            using var host = AgentHost.Build(options);
            await host.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
