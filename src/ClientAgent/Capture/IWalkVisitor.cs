namespace ClientAgent.Capture;

/// <summary>What the capture walk hands each directory and entry to (the state-file writer, the finish comparison, a collector).</summary>
public interface IWalkVisitor
{
    /// <summary>Called before the entries of <paramref name="path"/> (absolute, as written in the snapshot), each directory once.</summary>
    void EnterDirectory(string path);

    void Visit(scoped in WalkedEntry entry);
}
