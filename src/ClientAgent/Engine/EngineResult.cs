namespace ClientAgent.Engine;

/// <summary>The outcome of an install or uninstall, with one human sentence and (after an install) the receipt.</summary>
public sealed record EngineResult(EngineOutcome Outcome, string Message, Receipt? Receipt = null)
{
    public bool Succeeded => Outcome == EngineOutcome.Succeeded;
}
