using Portal.Cluster;
using Portal.Tests.Data;
using Portal.Tests.Hosting;

namespace Portal.Tests.Cluster;

/// <summary>Key-ring elements are kept by name; one stored under a name already taken is kept too (own database: the
/// elements here are not keys).</summary>
public sealed class DatabaseKeyRepositoryNamingTests(PostgreSqlDatabaseFixture database) : IClassFixture<PostgreSqlDatabaseFixture>
{
    [PostgreSqlFact]
    public void ElementsStoredUnderTheSameName_AreBothKept()
    {
        var repository = new DatabaseKeyRepository(database.Connections, TimeProvider.System);
        var before = repository.GetAllElements().Count;

        repository.StoreElement(new System.Xml.Linq.XElement("revocation", "first"), "revocation-20261202");
        repository.StoreElement(new System.Xml.Linq.XElement("revocation", "second"), "revocation-20261202");

        var values = repository.GetAllElements().Skip(before).Select(e => e.Value).ToList();
        Assert.Equal(["first", "second"], values);
    }
}
