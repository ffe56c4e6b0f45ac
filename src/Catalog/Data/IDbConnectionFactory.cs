using System.Data.Common;

namespace Catalog.Data;

/// <summary>Opens a new connection per operation (callers dispose it).</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}
