namespace Portal.Tests.Data;

/// <summary>
/// A fact that runs against PostgreSQL only when <c>CATALOG_TEST_POSTGRES</c> holds a connection string of a role that
/// may create databases (e.g. <c>Host=127.0.0.1;Port=5432;Username=postgres</c>); skipped otherwise.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public const string Variable = "CATALOG_TEST_POSTGRES";

    public PostgreSqlFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to a PostgreSQL connection string to run the PostgreSQL data tests.";
        }
    }
}
