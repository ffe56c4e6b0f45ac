using Portal.Agents;

var builder = WebApplication.CreateBuilder(args);
builder.AddAgentLink();
var app = builder.Build();
app.MapAgentLink();
app.MapGet("/healthz", () => "ok");
app.Run();

public partial class Program;
