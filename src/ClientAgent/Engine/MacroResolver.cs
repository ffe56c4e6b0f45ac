using System.Text;

namespace ClientAgent.Engine;

/// <summary>
/// <c>%NAME%</c> lookup over a case-insensitive table, values expanded recursively (cycles are refused, naming the cycle).
/// A name not in the table falls back to the process environment; an unknown name and <c>%</c> signs that do not
/// form a reference are left as they are, so script bodies such as <c>date +%Y%m</c> survive; <c>%%</c> stands for <c>%</c>.
/// </summary>
public sealed class MacroResolver(IReadOnlyDictionary<string, string> values, bool useEnvironment = true) : IMacroResolver
{
    private readonly Dictionary<string, string> _values = new(values, StringComparer.OrdinalIgnoreCase);

    public string Expand(string text) => Expand(text, []);

    private string Expand(string text, List<string> stack)
    {
        if (!text.Contains('%'))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '%')
            {
                result.Append(c);
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '%')
            {
                result.Append('%');
                i += 2;
                continue;
            }

            var end = text.IndexOf('%', i + 1);
            var name = end > i + 1 ? text[(i + 1)..end] : null;
            if (name is null || !IsName(name) || !TryLookup(name, out var value))
            {
                result.Append(c);
                i++;
                continue;
            }

            if (stack.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw new EngineFailureException($"Macro cycle: {string.Join(" -> ", stack)} -> {name}");
            }

            stack.Add(name);
            result.Append(Expand(value, stack));
            stack.RemoveAt(stack.Count - 1);
            i = end + 1;
        }

        return result.ToString();
    }

    private bool TryLookup(string name, out string value)
    {
        if (_values.TryGetValue(name, out value!))
        {
            return true;
        }

        if (useEnvironment && !name.StartsWith('*') && Environment.GetEnvironmentVariable(name) is { } fromEnvironment)
        {
            value = fromEnvironment;
            return true;
        }

        value = "";
        return false;
    }

    private static bool IsName(string name) =>
        name.Length <= 128 && name.All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '*' or '-' or '.');
}
