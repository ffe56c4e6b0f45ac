using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Seeding;

namespace Portal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class AuthorizationTests(PortalBrowserFixture portal)
{
    [Fact]
    public async Task User_cannot_open_an_administrator_page()
    {
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, "alice@example.com", DemoUsers.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        Assert.Equal(0, await page.Locator(".mud-drawer a[href='admin/users']").CountAsync());

        await page.GotoAsync("admin/users");

        Assert.Equal("Access denied", await page.InnerTextAsync("[data-testid=access-denied] h1"));
        Assert.Equal(0, await page.Locator("[data-testid=users-grid]").CountAsync());
        await PortalPages.ScreenshotAsync(page, "access-denied", ViewportKind.Desktop);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Administrator_sees_the_users_page_from_the_menu()
    {
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, "admin@example.com", DemoUsers.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await page.Locator(".mud-drawer").GetByText("Users", new() { Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=users-grid]");

        Assert.EndsWith("/admin/users", new Uri(page.Url).AbsolutePath);
        Assert.Contains("alice@example.com", await page.InnerTextAsync("[data-testid=users-grid]"));
        await PortalPages.ScreenshotAsync(page, "admin-users", ViewportKind.Desktop);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Anonymous_visitor_is_sent_to_sign_in_and_back_afterwards()
    {
        var page = await portal.NewPageAsync();

        await page.GotoAsync("admin/users");
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath);
        await page.FillAsync("#email", "admin@example.com");
        await page.FillAsync("#password", DemoUsers.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.Load);

        await page.WaitForSelectorAsync("[data-testid=users-grid]");
        Assert.EndsWith("/admin/users", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }
}
