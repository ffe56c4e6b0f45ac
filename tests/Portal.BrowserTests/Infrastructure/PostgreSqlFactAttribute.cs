namespace Portal.BrowserTests.Infrastructure;

/// <summary>
/// A fact that runs only when <c>CATALOG_TEST_POSTGRES</c> holds a connection string of a role that may create
/// databases (.ci/run starts a throw-away server and sets it); skipped otherwise.
/// </summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public const string Variable = "CATALOG_TEST_POSTGRES";

    public PostgreSqlFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"Set {Variable} to a PostgreSQL connection string to run the portal's nodes on PostgreSQL.";
        }
    }
}
