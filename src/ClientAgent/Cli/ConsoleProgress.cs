using Catalog.Jobs;
using ClientAgent.Engine;

namespace ClientAgent.Cli;

/// <summary>Prints engine progress to stdout as it happens: messages, script output, and copy progress every 10%.</summary>
internal sealed class ConsoleProgress(TextWriter output) : IProgress<EngineProgress>
{
    private int _lastTenth = -1;

    public void Report(EngineProgress value)
    {
        var isCopyTick = value.Phase == JobPhase.Installing && value.Message.StartsWith("Copied ", StringComparison.Ordinal);
        if (isCopyTick)
        {
            if (value.Percent / 10 == _lastTenth)
            {
                return;
            }

            _lastTenth = value.Percent / 10;
        }

        var prefix = value.Level == JobEventLevel.Output ? "  | " : $"[{value.Phase} {value.Percent,3}%] ";
        output.WriteLine(prefix + value.Message);
    }
}
