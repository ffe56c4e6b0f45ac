using Catalog.Machines;
using Portal.BrowserTests.Infrastructure;

namespace Portal.BrowserTests.SelfService;

/// <summary>The catalog card of an update and the Updates view in real Chromium, with screenshots.</summary>
[Collection(PortalCollection.Name)]
public sealed class UpdatesBrowserTests(PortalBrowserFixture portal)
{
    private readonly SelfServiceSeed _seed = new(portal);

    [Fact]
    public async Task A_machine_with_an_older_version_sees_update_on_the_card_and_in_the_updates_view()
    {
        var email = await _seed.NewUserAsync("uma");
        var notes = await _seed.AddApplicationAsync("Notes " + Guid.NewGuid().ToString("N")[..4], a => a with { Version = "2.0" });
        var paint = await _seed.AddApplicationAsync("Paint " + Guid.NewGuid().ToString("N")[..4], a => a with { Version = "5.1" });
        await _seed.AddApplicationAsync("Viewer " + Guid.NewGuid().ToString("N")[..4]);
        await _seed.AddMachineAsync(email, "uma-laptop",
            new InstalledApplication(notes.Id, notes.Name, "1.0", DateTimeOffset.UtcNow),
            new InstalledApplication(paint.Id, paint.Name, "5.0", DateTimeOffset.UtcNow));
        var page = await portal.NewPageAsync();
        await PortalPages.OpenCatalogAsync(page, email, SelfServiceSeed.Password);

        var card = PortalPages.AppCard(page, notes.Name);
        Assert.Equal("UpdateAvailable", await card.GetAttributeAsync("data-install-state"));
        Assert.Equal("Installed 1.0 → offered 2.0.", (await card.Locator("[data-testid=app-update]").InnerTextAsync()).Trim());
        Assert.Equal("Update", (await card.Locator("[data-testid=app-install]").InnerTextAsync()).Trim(), ignoreCase: true);
        await PortalPages.ScreenshotAsync(page, "catalog-update-card", ViewportKind.Desktop);

        await page.Locator("[data-testid=view-updates]").ClickAsync();
        await page.Locator("[data-testid=updates-bar]").WaitForAsync();
        Assert.Equal(2, await page.Locator("[data-testid=app-card]").CountAsync());
        Assert.Contains($"{notes.Name} 1.0 → 2.0", await page.Locator("[data-testid=updates-summary]").InnerTextAsync());
        Assert.True(await page.Locator("[data-testid=update-all]").IsEnabledAsync());
        await PortalPages.ScreenshotAsync(page, "catalog-updates-view", ViewportKind.Desktop);
    }
}
