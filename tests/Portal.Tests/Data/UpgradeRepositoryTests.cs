namespace Portal.Tests.Data;

/// <summary>The line of versions and upgrade jobs on SQLite.</summary>
public sealed class UpgradeRepositoryTests(SqliteDatabaseFixture database) : IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public Task Every_saved_version_is_kept_newest_first_with_its_last_package() =>
        UpgradeRepositoryScenarios.VersionLineAsync(database.Connections);

    [Fact]
    public Task An_upgrade_job_keeps_the_version_it_replaces_through_a_retry() =>
        UpgradeRepositoryScenarios.UpgradeJobRoundTripAsync(database.Connections);
}
