using Portal.Tests.Hosting;

namespace Portal.Tests.Data;

/// <summary>The line of versions and upgrade jobs on PostgreSQL: the same scenarios as on SQLite.</summary>
public sealed class PostgreSqlUpgradeRepositoryTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    [PostgreSqlFact]
    public Task Every_saved_version_is_kept_newest_first_with_its_last_package() =>
        UpgradeRepositoryScenarios.VersionLineAsync(database.Connections);

    [PostgreSqlFact]
    public Task An_upgrade_job_keeps_the_version_it_replaces_through_a_retry() =>
        UpgradeRepositoryScenarios.UpgradeJobRoundTripAsync(database.Connections);
}
