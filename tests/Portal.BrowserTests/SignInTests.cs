using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Seeding;

namespace Portal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalBrowserFixture portal)
{
    [Theory]
    [InlineData(ViewportKind.Desktop)]
    [InlineData(ViewportKind.Phone)]
    public async Task Sign_in_shows_the_users_name_and_roles(ViewportKind kind)
    {
        var page = await portal.NewPageAsync(kind);
        await page.GotoAsync("account/login");
        await PortalPages.ScreenshotAsync(page, "login", kind);

        await PortalPages.SignInAsync(page, "alice@example.com", DemoUsers.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        Assert.Equal("Welcome, Alice Andersen", await page.InnerTextAsync("[data-testid=welcome]"));
        Assert.Equal(["User"], (await page.Locator("[data-testid=role]").AllTextContentsAsync()).Select(t => t.Trim()));
        await PortalPages.ScreenshotAsync(page, "home", kind);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_menu_is_collapsed_until_the_toggle_opens_it()
    {
        var page = await portal.NewPageAsync(ViewportKind.Phone);
        await PortalPages.SignInAsync(page, "admin@example.com", DemoUsers.Password);
        await PortalPages.WaitForInteractiveAsync(page);
        // Shown means what the user sees: the drawer visible and inside the screen (CSS decides by the viewport).
        const string sidebarShown = "() => { const d = document.querySelector('.mud-drawer'); " +
            "return getComputedStyle(d).visibility === 'visible' && d.getBoundingClientRect().left >= 0; }";
        Assert.False(await page.EvaluateAsync<bool>(sidebarShown));

        await page.GetByLabel("Show or hide the navigation").ClickAsync();

        await page.WaitForFunctionAsync(sidebarShown);
        await PortalPages.ScreenshotAsync(page, "menu-open", ViewportKind.Phone);
        await page.Locator(".mud-drawer").GetByText("Users", new() { Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("[data-testid=users-grid]");
        await page.WaitForFunctionAsync($"() => !({sidebarShown})()");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Changing_the_password_keeps_the_session_and_the_new_password_signs_in()
    {
        await portal.CreateUserAsync("changer@example.com", "Changer!2345", "Cha Nger", "User");
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, "changer@example.com", "Changer!2345");
        await PortalPages.WaitForInteractiveAsync(page);

        await page.GotoAsync("account/password");
        await page.FillAsync("#current", "Changer!2345");
        await page.FillAsync("#new", "Renewed!6789");
        await page.FillAsync("#confirm", "Renewed!6789");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal("Your password has been changed.", await page.InnerTextAsync("[data-testid=password-changed]"));
        await page.GotoAsync("");
        await PortalPages.WaitForInteractiveAsync(page);
        var fresh = await portal.NewPageAsync();
        await PortalPages.SignInAsync(fresh, "changer@example.com", "Renewed!6789");
        Assert.Equal("Welcome, Cha Nger", await fresh.InnerTextAsync("[data-testid=welcome]"));
        await page.Context.CloseAsync();
        await fresh.Context.CloseAsync();
    }

    [Fact]
    public async Task Change_password_with_the_wrong_current_password_says_so()
    {
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, "bob@example.com", DemoUsers.Password);

        await page.GotoAsync("account/password");
        await page.FillAsync("#current", "not-my-password");
        await page.FillAsync("#new", "Whatever!6789");
        await page.FillAsync("#confirm", "Whatever!6789");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal("The current password is not correct.", await page.InnerTextAsync("[data-testid=password-error]"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_in_works_with_the_keyboard_alone()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("account/login");

        // The email field has autofocus; Tab moves to the password, Enter submits.
        await page.Keyboard.TypeAsync("bob@example.com");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoUsers.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await PortalPages.WaitForInteractiveAsync(page);

        Assert.Equal("Welcome, Bob Brown", await page.InnerTextAsync("[data-testid=welcome]"));
        // Focus starts on the page heading; the next Tab reaches the first tile and Enter follows it.
        await page.Keyboard.PressAsync("Tab");
        Assert.True(await page.EvaluateAsync<bool>("() => document.activeElement.classList.contains('portal-tile')"));
        var target = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('href')");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/" + target);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Wrong_password_shows_an_error_and_stays_on_the_sign_in_page()
    {
        var page = await portal.NewPageAsync();

        await PortalPages.SignInAsync(page, "bob@example.com", "not-the-password");

        Assert.Equal("Invalid email or password.", await page.InnerTextAsync("[data-testid=login-error]"));
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath);
        await PortalPages.ScreenshotAsync(page, "login-error", ViewportKind.Desktop);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Five_wrong_passwords_hold_back_this_address_without_locking_the_account()
    {
        await portal.CreateUserAsync("lockme@example.com", "LockMe!2345", "Lock Me", "User");
        var page = await portal.NewPageAsync();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await PortalPages.SignInAsync(page, "lockme@example.com", "wrong-password");
        }

        await PortalPages.SignInAsync(page, "lockme@example.com", "LockMe!2345");

        // The guesser's address waits; the account itself is not locked, so nobody can lock a user out by guessing.
        Assert.StartsWith("Too many failed sign-in attempts for this account from this address", await page.InnerTextAsync("[data-testid=login-error]"));
        Assert.Equal(0, await page.Locator("[data-testid=welcome]").CountAsync());
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Catalog.Users.PortalUser>>();
            Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync("lockme@example.com"))!));
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Sign_out_returns_to_the_sign_in_page_and_home_needs_sign_in_again()
    {
        var page = await portal.NewPageAsync();
        await PortalPages.SignInAsync(page, "bob@example.com", DemoUsers.Password);
        await PortalPages.WaitForInteractiveAsync(page);

        await page.ClickAsync("[data-testid=account-menu]");
        await page.GetByText("Sign out").ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath);
        await page.GotoAsync("");
        Assert.EndsWith("/account/login", new Uri(page.Url).AbsolutePath);
        await page.Context.CloseAsync();
    }
}
