using ClientAgent.Connection;
using ClientAgent.Engine;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientAgent.Service;

/// <summary>The Generic Host running <see cref="AgentService"/> (stops cleanly on SIGTERM / Ctrl+C).</summary>
public static class AgentHost
{
    public static IHost Build(AgentServiceOptions options, HttpMessageHandler? packageHandler = null, TimeSpan? downloadRetryDelay = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = false, Args = [] });
        // Quiet by default: the agent's own lines (connected, reconnected, job start and outcome, warnings); the
        // framework's (hosting banner, SignalR client, HttpClient) only from Warning. Lowest priority, so
        // appsettings.json or Logging__LogLevel__* in the environment still turn them up.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft"] = "Warning",
                ["Logging:LogLevel:System.Net.Http"] = "Warning",
            },
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss ";
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IAgentEngine>(sp => new EngineAgent(new AgentStateDirectory(options.StateDirectory), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(new PortalAddresses(options.PortalsInOrder));
        builder.Services.AddSingleton(sp => new PackageDownloader(
            packageHandler is null ? new HttpClient { Timeout = TimeSpan.FromMinutes(5) } : new HttpClient(packageHandler, disposeHandler: false),
            options.CacheDirectory,
            options.Credentials,
            downloadRetryDelay,
            sp.GetRequiredService<PortalAddresses>()));
        builder.Services.AddSingleton<InventoryCollector>();
        builder.Services.AddSingleton(sp => new UsageMonitor(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<AgentService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgentService>());
        return builder.Build();
    }
}
