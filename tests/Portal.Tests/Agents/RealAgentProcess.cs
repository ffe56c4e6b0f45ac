using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Agents;

/// <summary>
/// The agent as a separate process (<c>dotnet clientagent.dll</c>): a command run to its end (enroll, install), or
/// enrolled with a fresh token and left running (<c>clientagent run</c>) until the portal sees its machine online.
/// </summary>
internal static class RealAgentProcess
{
    public static ProcessStartInfo StartInfo(params string[] arguments)
    {
        var output = RealProcessApi.BuildOutput("ClientAgent");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output };
        start.ArgumentList.Add(Path.Combine(output, "clientagent.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>Runs an agent command to its end; returns its exit code and its output and error text.</summary>
    public static async Task<(int ExitCode, string Output)> RunToEndAsync(params string[] arguments)
    {
        var start = StartInfo(arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>
    /// Enrolls an agent with a token for <paramref name="ownerEmail"/> from the signed-in <paramref name="http"/>, starts
    /// <c>clientagent run</c> with <c>*PROGRAMS</c> at <paramref name="programs"/>, and returns once its machine is online
    /// and has reported its operating system.
    /// </summary>
    public static async Task<(Guid MachineId, Process Agent)> EnrollAndRunAsync(
        RealProcesses processes, HttpClient http, string ownerEmail, string state, string programs, string machineName)
    {
        var token = await RealProcessApi.ReadJsonAsync(await http.PostAsJsonAsync("/api/enrollment-tokens", new { ownerEmail, expiresInHours = 1 }));
        var enroll = await RunToEndAsync("enroll", "--portal", http.BaseAddress!.ToString().TrimEnd('/'), "--token", token["token"]!.GetValue<string>(),
            "--state-dir", state, "--name", machineName);
        Assert.True(enroll.ExitCode == 0, enroll.Output);
        var machineId = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(state, "agent.json"))).RootElement.GetProperty("machineId").GetGuid();
        var agent = processes.Start(StartInfo("run", "--state-dir", state, "--macro", $"*PROGRAMS={programs}"));
        await RealProcessApi.WaitForMachineAsync(http, machineId, machine => machine["online"]!.GetValue<bool>() && machine["operatingSystem"]!.GetValue<string>() != "");
        return (machineId, agent);
    }
}
