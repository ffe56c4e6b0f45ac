using System.Data.Common;

namespace Portal.Data;

/// <summary>Opens a new connection per operation (callers dispose it).</summary>
public interface IDbConnectionFactory
{
    SqlDialect Dialect { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);
}
