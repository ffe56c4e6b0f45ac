using Portal.Data;
using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Portal.Hosting;

/// <summary>Healthy when the database answers and carries the schema.</summary>
internal sealed class DatabaseHealthCheck(IDbConnectionFactory connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await connections.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT MAX(version) FROM schema_version", cancellationToken: cancellationToken));
            return version is > 0
                ? HealthCheckResult.Healthy($"{connections.Dialect} database at schema version {version}.")
                : HealthCheckResult.Unhealthy($"The {connections.Dialect} database has no schema yet.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The {connections.Dialect} database cannot be reached.", ex);
        }
    }
}
