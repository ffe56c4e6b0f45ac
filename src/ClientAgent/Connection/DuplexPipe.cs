using System.IO.Pipelines;

namespace ClientAgent.Connection;

/// <summary>One reader and one writer seen as a single duplex pipe.</summary>
internal sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    public PipeReader Input { get; } = input;

    public PipeWriter Output { get; } = output;
}
