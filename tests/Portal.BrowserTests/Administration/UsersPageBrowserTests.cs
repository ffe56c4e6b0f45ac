using Microsoft.Playwright;
using Portal.BrowserTests.Infrastructure;
using Portal.Seeding;

namespace Portal.BrowserTests.Administration;

[Collection(PortalCollection.Name)]
public sealed class UsersPageBrowserTests(PortalBrowserFixture portal)
{
    // The shared CI machine can be very busy; these pages do real work in the circuit.
    private const float SlowMachineTimeout = 90_000;

    [Fact]
    public async Task Administrator_creates_a_Helpdesk_user_who_then_sees_the_Helpdesk_menu()
    {
        var admin = await portal.NewPageAsync(ViewportKind.Desktop);
        admin.SetDefaultTimeout(SlowMachineTimeout);
        await PortalPages.SignInAsync(admin, "admin@example.com", DemoUsers.Password);
        await admin.GotoAsync("admin/users");
        await PortalPages.WaitForInteractiveAsync(admin, SlowMachineTimeout);
        await admin.WaitForSelectorAsync("[data-testid=users-grid]");

        await admin.ClickAsync("[data-testid=new-user]");
        await admin.FillAsync("#new-email", "hanna.helpdesk@example.com");
        await admin.FillAsync("#new-name", "Hanna Helpdesk");
        await admin.FillAsync("#new-password", "short");
        await admin.Locator("[data-testid=new-roles]").GetByText("Helpdesk", new() { Exact = true }).ClickAsync();
        await admin.ClickAsync("[data-testid=create-user]");
        Assert.Contains("at least 8 characters", await admin.InnerTextAsync("[data-testid=create-user-form] [data-field=password]"));
        await PortalPages.ScreenshotAsync(admin, "admin-users-create-errors", ViewportKind.Desktop);

        await admin.FillAsync("#new-password", "Hanna!23456");
        await admin.ClickAsync("[data-testid=create-user]");
        await admin.WaitForSelectorAsync("[data-testid=users-grid] td:has-text('hanna.helpdesk@example.com')");
        var row = admin.Locator("[data-testid=users-grid] tr", new() { HasText = "hanna.helpdesk@example.com" });
        Assert.Contains("Helpdesk", await row.TextContentAsync());
        Assert.Contains("Active", await row.TextContentAsync());
        await PortalPages.ScreenshotAsync(admin, "admin-users-page", ViewportKind.Desktop);

        var hanna = await portal.NewPageAsync(ViewportKind.Desktop);
        hanna.SetDefaultTimeout(SlowMachineTimeout);
        await PortalPages.SignInAsync(hanna, "hanna.helpdesk@example.com", "Hanna!23456");
        await PortalPages.WaitForInteractiveAsync(hanna, SlowMachineTimeout);
        var menu = await hanna.InnerTextAsync(".mud-drawer");
        Assert.Contains("Requests", menu);
        Assert.Contains("All jobs", menu);
        Assert.DoesNotContain("Users", menu);
        await hanna.Context.CloseAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
        await admin.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Lock" }).ClickAsync();
        await admin.WaitForSelectorAsync("[data-testid=users-grid] tr:has-text('hanna.helpdesk@example.com') [data-testid=locked-state]");
        Assert.Contains("Locked until unlocked", await row.TextContentAsync());
        await PortalPages.ScreenshotAsync(admin, "admin-users-locked", ViewportKind.Desktop);
        await row.GetByRole(AriaRole.Button, new() { Name = "Unlock" }).ClickAsync();
        await admin.WaitForSelectorAsync("[data-testid=users-grid] tr:has-text('hanna.helpdesk@example.com') [data-testid=locked-state]", new() { State = WaitForSelectorState.Detached });
        Assert.Contains("Active", await row.TextContentAsync());

        var phone = await portal.NewPageAsync(ViewportKind.Phone);
        phone.SetDefaultTimeout(SlowMachineTimeout);
        await PortalPages.SignInAsync(phone, "admin@example.com", DemoUsers.Password);
        await phone.GotoAsync("admin/users");
        await PortalPages.WaitForInteractiveAsync(phone, SlowMachineTimeout);
        await phone.ClickAsync("[data-testid='edit-hanna.helpdesk@example.com']");
        await phone.WaitForSelectorAsync("[data-testid=edit-user]");
        await PortalPages.ScreenshotAsync(phone, "admin-users-page", ViewportKind.Phone);
        await phone.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
