using Portal.Cluster;
using Portal.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace Portal.Hosting;

public static class PortalDataExtensions
{
    public const string ConnectionStringName = "Portal";

    /// <summary>
    /// Options, the database connection factory, migrations and data-protection keys: in the data directory on SQLite
    /// (one node) so that sign-in cookies and tokens survive a restart, in the database on PostgreSQL so that every node
    /// reads what any node protected (<see cref="DatabaseKeyRepository"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPortalData(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PortalOptions>, PortalOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IDbConnectionFactory>(sp => CreateConnectionFactory(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<PortalOptions>>().Value));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService<PortalDatabaseInitializer>();

        services.AddDataProtection().SetApplicationName("Portal");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IOptions<PortalOptions>, ILoggerFactory, IDbConnectionFactory, TimeProvider>((keys, portal, loggers, database, time) =>
                keys.XmlRepository = database.Dialect == SqlDialect.PostgreSql
                    ? new DatabaseKeyRepository(database, time)
                    : new FileSystemXmlRepository(Directory.CreateDirectory(Path.Combine(portal.Value.DataDirectory, "keys")), loggers));

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>
    /// PostgreSQL when <c>ConnectionStrings:Portal</c> is set (several portal nodes share it), else SQLite at
    /// <c>&lt;DataDirectory&gt;/portal.db</c>.
    /// </summary>
    internal static IDbConnectionFactory CreateConnectionFactory(IConfiguration configuration, PortalOptions options)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        return string.IsNullOrWhiteSpace(connectionString)
            ? new SqliteConnectionFactory(options.DatabasePath)
            : new NpgsqlConnectionFactory(connectionString);
    }
}
