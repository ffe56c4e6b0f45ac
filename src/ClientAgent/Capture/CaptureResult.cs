using Catalog.Packaging;

namespace ClientAgent.Capture;

/// <summary>The package a capture produced, and warnings for the operator (noise, skipped links, lost variables).</summary>
public sealed record CaptureResult(PackageWriteResult Package, IReadOnlyList<string> Warnings);
