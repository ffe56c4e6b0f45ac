using System.Diagnostics;

namespace Portal.Tests.Agents;

/// <summary>
/// The portal and agent processes a test started and the HTTP clients it opened on them: each process's output is read
/// (and handed to <paramref name="log"/> when given) so it never blocks on a full pipe; on dispose every process still
/// running is killed with its children and every client disposed.
/// </summary>
internal sealed class RealProcesses(Action<string>? log = null) : IDisposable
{
    private readonly List<Process> _processes = [];
    private readonly List<HttpClient> _clients = [];

    public Process Start(ProcessStartInfo start)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _processes.Add(process);
        return process;
    }

    public HttpClient Client(Uri baseAddress)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        _clients.Add(http);
        return http;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }

        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            log?.Invoke(line);
        }
    }
}
