using System.Diagnostics;
using Catalog.Applications;
using Catalog.Jobs;

namespace ClientAgent.Engine;

/// <summary>
/// Runs one script: the (macro-expanded) body goes to a temporary file with the script's extension and runs as
/// <c>Engine file</c>. Output lines become <see cref="JobEventLevel.Output"/> progress; a non-zero exit, a timeout
/// (the whole process tree is killed) or cancellation fails with a sentence naming the script.
/// </summary>
public sealed class ScriptRunner(string temporaryDirectory)
{
    public async Task RunAsync(ApplicationScript script, string body, IProgress<EngineProgress> progress, CancellationToken cancellationToken)
    {
        var what = Describe(script.Stage);
        Directory.CreateDirectory(temporaryDirectory);
        var file = Path.Combine(temporaryDirectory, $"{script.Stage}-{Guid.NewGuid():N}{script.Extension}");
        await File.WriteAllTextAsync(file, body, cancellationToken);
        try
        {
            progress.Report(new EngineProgress(JobPhase.Scripts, 0, $"Running the {what} script ({script.Engine})"));
            var start = new ProcessStartInfo(script.Engine)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = temporaryDirectory,
            };
            start.ArgumentList.Add(file);
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Forward(e.Data, JobEventLevel.Output);
            process.ErrorDataReceived += (_, e) => Forward(e.Data, JobEventLevel.Output);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new EngineFailureException($"The {what} script could not start: engine {script.Engine} ({exception.Message}).", exception);
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, script.TimeoutSeconds)));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                KillTree(process);
                cancellationToken.ThrowIfCancellationRequested();
                throw new EngineFailureException($"The {what} script timed out after {script.TimeoutSeconds} s.");
            }

            if (process.ExitCode != 0)
            {
                throw new EngineFailureException($"The {what} script exited with code {process.ExitCode}.");
            }

            progress.Report(new EngineProgress(JobPhase.Scripts, 100, $"The {what} script finished"));
        }
        finally
        {
            FileOperations.DeleteFileIfExists(file);
        }

        void Forward(string? line, JobEventLevel level)
        {
            if (line is not null)
            {
                progress.Report(new EngineProgress(JobPhase.Scripts, 50, line, level));
            }
        }
    }

    public static string Describe(ScriptStage stage) => stage switch
    {
        ScriptStage.PreInstall => "pre-install",
        ScriptStage.PostInstall => "post-install",
        ScriptStage.PreUninstall => "pre-uninstall",
        _ => "post-uninstall",
    };

    private static void KillTree(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }
}
