using System.Text.Json.Serialization;
using Portal.Data;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Reporting.Snmp;
using Portal.Scheduling;
using Catalog.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Portal.AgentLink;

/// <summary>Registers and maps the agent link: authentication, hub, enrollment, job dispatch, packages, event reporting.</summary>
public static class AgentLinkExtensions
{
    public static IHostApplicationBuilder AddAgentLink(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AgentLinkOptions>().BindConfiguration("Portal");
        services.TryAddSingleton(TimeProvider.System);
        // The portal registers the database; this default (same file name) only serves hosts that don't.
        services.TryAddSingleton<IDbConnectionFactory>(sp =>
            new SqliteConnectionFactory(Path.Combine(sp.GetRequiredService<IOptions<AgentLinkOptions>>().Value.DataDirectory, "portal.db")));

        services.AddRepositories();
        services.AddSingleton<AgentConnectionRegistry>();
        services.AddSingleton<AgentLinkShutdown>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentLinkShutdown>());
        services.AddSingleton<JobNotifier>();
        services.AddSingleton<MachineNotifier>();
        services.AddSingleton<MachineReports>();
        services.AddSingleton<PackageStore>();
        services.AddSingleton<TextEventLog>();
        services.AddSingleton<OutboxSignal>();
        services.AddOptions<SnmpOptions>().BindConfiguration("Portal:Snmp")
            .Validate(o => ObjectIdentifier.TryParse(o.EnterpriseOid, out _, out _), "Portal:Snmp:EnterpriseOid must be an object identifier such as 1.3.6.1.4.1.32473.1")
            .ValidateOnStart();
        services.AddSingleton<SnmpTrapSender>();
        services.AddSingleton<EventReporter>();
        services.AddSingleton<EnrollmentService>();
        services.AddSingleton<MaintenanceWindowGate>();
        services.AddSingleton<JobLifecycle>();
        services.AddSingleton<BlockedJobs>();
        services.AddSingleton<ForceCachePlanner>();
        services.AddSingleton<UnusedUninstallService>();
        services.AddHostedService(sp => sp.GetRequiredService<UnusedUninstallService>());
        services.AddSingleton<XmlOutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<XmlOutboxSender>());
        services.AddHttpClient(XmlOutboxSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AgentAuthenticationHandler>(AgentAuthentication.SchemeName, _ => { });
        services.AddAuthorization(options =>
            options.AddPolicy(AgentAuthentication.ManageAgentsPolicy, policy =>
                policy.RequireAuthenticatedUser().RequireRole(RoleNames.Administrator, RoleNames.Helpdesk)));
        services.AddOptions<AuthorizationOptions>().Configure<IAuthenticationSchemeProvider>((options, schemes) =>
        {
            // Agents and signed-in administrators (cookie or bearer, whatever the portal registered) may read packages.
            var others = schemes.GetAllSchemesAsync().GetAwaiter().GetResult()
                .Select(s => s.Name)
                .Where(n => n != AgentAuthentication.SchemeName && !n.Contains("External", StringComparison.Ordinal) && !n.Contains("TwoFactor", StringComparison.Ordinal));
            options.AddPolicy(AgentAuthentication.PackageReaderPolicy, policy => policy
                .AddAuthenticationSchemes([.. others, AgentAuthentication.SchemeName])
                .RequireAssertion(context =>
                    context.User.HasClaim(c => c.Type == AgentAuthentication.MachineIdClaim) || context.User.IsInRole(RoleNames.Administrator)));
        });

        services.AddSignalR(options => options.EnableDetailedErrors = builder.Environment.IsDevelopment())
            .AddJsonProtocol(options => options.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            // An inventory lists every dpkg package: far beyond SignalR's 32 KB default.
            .AddHubOptions<AgentHub>(options => options.MaximumReceiveMessageSize = 16 * 1024 * 1024);
        return builder;
    }

    public static WebApplication MapAgentLink(this WebApplication app)
    {
        AgentLinkEndpoints.Map(app);
        // Agents speak WebSockets only (docs/agent-link.md): no long polling or server-sent events to keep open.
        app.MapHub<AgentHub>("/" + Catalog.Agents.AgentHubMethods.Path, options => options.Transports = HttpTransportType.WebSockets);
        return app;
    }
}
