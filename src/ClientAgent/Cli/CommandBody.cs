using System.CommandLine;
using System.Text.Json;
using Catalog.Packaging;
using ClientAgent.Capture;

namespace ClientAgent.Cli;

/// <summary>Runs a command's body: exit 0, or one clear line on stderr and exit 1.</summary>
internal static class CommandBody
{
    public static async Task<int> RunAsync(ParseResult parseResult, Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = e is CaptureException or PackageFormatException or IOException or UnauthorizedAccessException or JsonException
                ? e.Message
                : $"{e.GetType().Name}: {e.Message}";
            await parseResult.InvocationConfiguration.Error.WriteLineAsync("error: " + message.ReplaceLineEndings(" "));
            return 1;
        }
    }
}
