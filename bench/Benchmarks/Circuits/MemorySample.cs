namespace Benchmarks.Circuits;

/// <summary>
/// The portal's resident set, its managed heap after a full GC (what the GC's generations hold, free space between
/// objects included) and the live objects that GC kept (what it promoted), in KB.
/// </summary>
internal sealed record MemorySample(long RssKb, double GcHeapKb, double LiveKb);
