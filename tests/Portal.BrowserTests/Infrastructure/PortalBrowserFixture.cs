using Catalog.Users;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Identity;

namespace Portal.BrowserTests.Infrastructure;

/// <summary>
/// One portal (demo data, temp data directory, real Kestrel port) and one headless Debian Chromium shared by the
/// browser tests. <see cref="RestartPortalAsync"/> stops the portal and starts a new one on the same port and data.
/// </summary>
public sealed class PortalBrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private PortalServer? _server;
    private IPlaywright? _playwright;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("portal-browser-").FullName;

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public IServiceProvider Services => _server!.Services;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"The browser tests need Debian's Chromium at {ChromiumPath}: run 'apt-get install -y chromium' (.ci/run does).");
        }

        _server = new PortalServer(DataDirectory, port: 0);
        BaseAddress = _server.Start();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A page in a fresh browser context (its own cookies) with the viewport of <paramref name="kind"/>.</summary>
    public async Task<IPage> NewPageAsync(ViewportKind kind = ViewportKind.Desktop)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = kind == ViewportKind.Phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 800 },
            IsMobile = kind == ViewportKind.Phone,
            HasTouch = kind == ViewportKind.Phone,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    /// <summary>Creates a user (for tests that change an account, e.g. lock it out).</summary>
    public async Task CreateUserAsync(string email, string password, string displayName, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<PortalUserAccounts>().CreateAsync(email, password, displayName, [role]);
        Assert.True(result.Succeeded, result.Describe());
    }

    /// <summary>Stops the portal (open circuits drop), runs <paramref name="whileDown"/>, then starts a new portal on the same port and data.</summary>
    public async Task RestartPortalAsync(Func<Task> whileDown)
    {
        await _server!.DisposeAsync();
        await whileDown();
        _server = new PortalServer(DataDirectory, BaseAddress.Port);
        var address = _server.Start();
        Assert.Equal(BaseAddress, address);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
