using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>What <c>capture finish</c> needs: the state of <c>capture start</c> and the package to make.</summary>
public sealed record CaptureRequest
{
    public required string StatePath { get; init; }
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string OutPath { get; init; }
    public string Publisher { get; init; } = "";
    public CompressionChoice Compression { get; init; } = CompressionChoice.Balanced;
    /// <summary>Globs left out in addition to those given at start.</summary>
    public IReadOnlyList<string> Excludes { get; init; } = [];
    public required CaptureMacros Macros { get; init; }
    public required MachinePlatform Platform { get; init; }
}
