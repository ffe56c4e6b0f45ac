using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.SelfService;

namespace Portal.Tests.Components;

public sealed class DenyDialogTests : IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    [Fact]
    public async Task Deny_needs_a_reason_and_closes_with_it()
    {
        var provider = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<DenyDialog>("Deny", new DialogParameters<DenyDialog>
        {
            { d => d.ApplicationName, "Editor" },
            { d => d.UserEmail, "alice@example.com" },
        }));

        provider.Find("[data-testid=deny-confirm]").Click();
        Assert.Equal("Give a reason for the denial; the user sees it.", provider.Find("[data-testid=deny-missing]").TextContent);
        Assert.False(reference.Result.IsCompleted);

        provider.Find("textarea[data-testid=deny-reason]").Input("  Needed for the audit ");
        provider.Find("[data-testid=deny-confirm]").Click();

        var result = await reference.Result;
        Assert.Equal("Needed for the audit", result!.Data);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
