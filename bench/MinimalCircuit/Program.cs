using MinimalCircuit.Components;

var builder = WebApplication.CreateBuilder(args);
// The benchmark runs it in Production from the build output (like the portal): serve blazor.web.js from there too.
builder.WebHost.UseStaticWebAssets();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
// The benchmark's process helper waits for this before it opens pages.
app.MapGet("/healthz", () => "ok");
// The template's defaults (WebSocket compression on); MinimalCircuit__DisableWebSocketCompression=true matches the portal.
var disableCompression = app.Configuration.GetValue<bool>("MinimalCircuit:DisableWebSocketCompression");
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.DisableWebSocketCompression = disableCompression);
app.Run();
