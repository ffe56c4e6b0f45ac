using Portal.Administration;
using Portal.Agents;
using Portal.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();
builder.AddAgentLink();
builder.AddAdministration();
// Further parts of the portal register here (e.g. builder.AddAgentLink()).

var app = builder.Build();
app.MapPortal();
app.UseWebSockets();
app.MapAgentLink();
app.MapAdministration();
// Further parts of the portal map their endpoints here (e.g. app.MapAgentLink()).

app.Run();

/// <summary>The portal's entry point; public so that tests can start it with <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public partial class Program;
