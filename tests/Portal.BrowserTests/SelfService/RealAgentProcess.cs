using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Portal.AgentLink;
using Portal.BrowserTests.Infrastructure;

namespace Portal.BrowserTests.SelfService;

/// <summary>
/// A real <c>clientagent run</c> process (the built ClientAgent project) enrolled with a fresh token for one user of the
/// test portal, installing into its own <see cref="Programs"/> directory; its output is kept so a failure can say what the
/// agent did, and it is killed with its children on dispose.
/// </summary>
internal sealed class RealAgentProcess : IDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Process _process;

    private RealAgentProcess(string programs, ProcessStartInfo start)
    {
        Programs = programs;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue("stderr: " + e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where <c>*PROGRAMS</c> points: the agent installs below it.</summary>
    public string Programs { get; }

    /// <summary>Starts the agent for <paramref name="email"/>'s machine with its state and programs below <paramref name="root"/>.</summary>
    public static async Task<RealAgentProcess> StartAsync(PortalBrowserFixture portal, string email, string root)
    {
        var token = await portal.Services.GetRequiredService<EnrollmentService>().CreateTokenAsync(email, 1, "browser test", CancellationToken.None);
        var programs = Path.Combine(root, "programs");
        Directory.CreateDirectory(programs);
        var output = BuildOutput();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Path.Combine(output, "clientagent.dll"), "run", "--portal", portal.BaseAddress.ToString(), "--token", token.Token,
            "--state-dir", Path.Combine(root, "agent"), "--macro", $"*PROGRAMS={programs}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        return new RealAgentProcess(programs, start);
    }

    /// <summary>The agent's last <paramref name="lines"/> lines of output, standard error marked.</summary>
    public string LastOutput(int lines) => string.Join('\n', _output.TakeLast(lines));

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    /// <summary>bin/&lt;Configuration&gt;/net10.0 of the ClientAgent project, the configuration this test was built in.</summary>
    private static string BuildOutput()
    {
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Portal.sln")))
        {
            directory = directory.Parent;
        }

        var root = directory?.FullName ?? throw new InvalidOperationException("Portal.sln not found above the test output.");
        return Path.Combine(root, "src", "ClientAgent", "bin", configuration, "net10.0");
    }
}
