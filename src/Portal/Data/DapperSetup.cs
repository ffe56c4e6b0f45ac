using Dapper;

namespace Portal.Data;

/// <summary>
/// The one place that teaches Dapper the storage conventions of the schema: ids as lower-case GUID text,
/// instants as ISO-8601 UTC text ("O" format), snake_case columns matched to PascalCase members.
/// Enums are stored as their names: Dapper parses names back into enums on read, but it bypasses type handlers
/// for enum parameters, so repositories pass enum parameters as <c>value.ToString()</c>.
/// </summary>
public static class DapperSetup
{
    private static readonly Lock Gate = new();
    private static bool _registered;

    /// <summary>Registers the type handlers once per process; safe to call from any thread, any number of times.</summary>
    public static void EnsureRegistered()
    {
        if (Volatile.Read(ref _registered))
        {
            return;
        }

        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            DefaultTypeMap.MatchNamesWithUnderscores = true;
            // Guid and DateTimeOffset have built-in type maps that win over handlers for parameters: drop them first.
            SqlMapper.RemoveTypeMap(typeof(Guid));
            SqlMapper.RemoveTypeMap(typeof(Guid?));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
            SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
            SqlMapper.AddTypeHandler(new GuidTextHandler());
            SqlMapper.AddTypeHandler(new DateTimeOffsetTextHandler());
            Volatile.Write(ref _registered, true);
        }
    }
}
