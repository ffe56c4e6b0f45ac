namespace Portal.Data;

public enum SqlDialect
{
    Sqlite,
    PostgreSql,
}
