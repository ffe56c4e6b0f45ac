using System.Diagnostics;

namespace Benchmarks.Circuits;

/// <summary>
/// A <c>dotnet-gcdump</c> of the portal (the global tool: <c>dotnet tool install -g dotnet-gcdump</c>), so that what a
/// circuit holds can be read type by type: <c>dotnet-gcdump report DIR/circuits-11.gcdump</c> against the baseline's.
/// </summary>
internal static class HeapDump
{
    public static async Task WriteAsync(string? directory, int processId, string name, CancellationToken cancellationToken)
    {
        if (directory is null)
        {
            return;
        }

        Directory.CreateDirectory(directory);
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-gcdump");
        var output = Path.Combine(directory, name + ".gcdump");
        using var process = Process.Start(new ProcessStartInfo(File.Exists(tool) ? tool : "dotnet-gcdump", ["collect", "-p", processId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", output])
        {
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("dotnet-gcdump did not start");
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Console.WriteLine($"circuits: gcdump {output} exit={process.ExitCode}");
    }
}
