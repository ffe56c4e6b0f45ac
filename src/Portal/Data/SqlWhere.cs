namespace Portal.Data;

/// <summary>
/// Builds a WHERE clause from the criteria that apply. Used instead of "@p IS NULL OR column = @p", which
/// PostgreSQL rejects when it cannot infer the type of a null parameter.
/// </summary>
internal sealed class SqlWhere
{
    private readonly List<string> _conditions = [];

    public SqlWhere When(bool applies, string condition)
    {
        if (applies)
        {
            _conditions.Add(condition);
        }

        return this;
    }

    public override string ToString() => _conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", _conditions);
}
