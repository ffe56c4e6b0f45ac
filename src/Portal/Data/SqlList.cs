using Dapper;

namespace Portal.Data;

/// <summary>
/// Expands a caller's list into one parameter per value: "(@p0, @p1)". Dapper's own "IN @list" expansion is not
/// portable: with Npgsql it sends an array, which PostgreSQL rejects after IN.
/// </summary>
internal static class SqlList
{
    public static string In<T>(DynamicParameters parameters, string prefix, IEnumerable<T> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var name = $"{prefix}{names.Count}";
            parameters.Add(name, value);
            names.Add("@" + name);
        }

        return names.Count == 0 ? "(NULL)" : $"({string.Join(", ", names)})";
    }
}
