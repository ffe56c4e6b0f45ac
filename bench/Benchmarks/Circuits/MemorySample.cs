namespace Benchmarks.Circuits;

/// <summary>The portal's resident set and its managed heap after a full GC, in KB.</summary>
internal sealed record MemorySample(long RssKb, double GcHeapKb);
