namespace ClientAgent.Engine;

/// <summary>Expands <c>%NAME%</c> references in targets, settings, shortcut fields and script bodies.</summary>
public interface IMacroResolver
{
    string Expand(string text);
}
