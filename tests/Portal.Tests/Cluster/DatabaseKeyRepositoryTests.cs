using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Portal.Cluster;
using Portal.Data;
using Portal.Tests.Data;
using Portal.Tests.Hosting;

namespace Portal.Tests.Cluster;

/// <summary>
/// Data-protection keys in PostgreSQL: what one node protects (a cookie, a bearer token), another node with no shared
/// files unprotects.
/// </summary>
public sealed class DatabaseKeyRepositoryTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    [PostgreSqlFact]
    public void APayloadProtectedOnOneNode_IsReadOnAnother()
    {
        using var nodeA = Node();
        using var nodeB = Node();

        var token = nodeA.GetRequiredService<IDataProtectionProvider>().CreateProtector("bearer").Protect("alice");

        Assert.Equal("alice", nodeB.GetRequiredService<IDataProtectionProvider>().CreateProtector("bearer").Unprotect(token));
    }

    private ServiceProvider Node()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("Portal");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new DatabaseKeyRepository(database.Connections, TimeProvider.System));
        return services.BuildServiceProvider();
    }
}
