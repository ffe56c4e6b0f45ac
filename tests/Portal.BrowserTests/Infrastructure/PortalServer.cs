using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.BrowserTests.Infrastructure;

/// <summary>
/// The portal on a real Kestrel port on 127.0.0.1 (port 0 picks a free one), with demo data, over a given data directory;
/// on PostgreSQL when given a connection string (several such servers on one database are the nodes of a cluster).
/// </summary>
public sealed class PortalServer(string dataDirectory, int port, string? postgreSql = null) : WebApplicationFactory<PortalHost>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Portal:DataDirectory", dataDirectory);
        if (postgreSql is not null)
        {
            builder.UseSetting("ConnectionStrings:Portal", postgreSql);
        }

        builder.UseSetting("Portal:SeedDemo", "true");
        builder.UseEnvironment("Development");
    }

    /// <summary>Starts Kestrel and returns the base address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Start()
    {
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new Uri(address);
    }
}
