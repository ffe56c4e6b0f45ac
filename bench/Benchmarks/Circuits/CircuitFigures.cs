namespace Benchmarks.Circuits;

/// <summary>
/// What one more idle circuit costs a process: the growth of its resident set, managed heap and live objects from a
/// one-circuit baseline to <see cref="Circuits"/> more circuits, divided by their number (KB), with both samples.
/// </summary>
internal sealed record CircuitFigures(int Circuits, MemorySample Baseline, MemorySample Loaded)
{
    public double RssKbPerCircuit => (Loaded.RssKb - Baseline.RssKb) / (double)Circuits;

    public double GcHeapKbPerCircuit => (Loaded.GcHeapKb - Baseline.GcHeapKb) / Circuits;

    public double LiveKbPerCircuit => (Loaded.LiveKb - Baseline.LiveKb) / Circuits;
}
