using Portal.Administration;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Hosting;
using Portal.Scheduling;
using Portal.SelfService;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();
builder.AddAgentLink();
builder.AddSelfService();
builder.AddAdministration();
builder.AddScheduling();

var app = builder.Build();
app.MapPortal();
app.MapAgentLink();
app.MapSelfService();
app.MapAdministration();
app.MapScheduling();

app.Run();

/// <summary>The portal's entry point. Tests use <see cref="Portal.PortalHost"/> as the WebApplicationFactory marker.</summary>
public partial class Program;
