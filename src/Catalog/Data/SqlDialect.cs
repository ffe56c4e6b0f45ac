namespace Catalog.Data;

public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
