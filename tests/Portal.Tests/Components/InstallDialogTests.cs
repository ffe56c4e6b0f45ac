using Bunit;
using Portal.Data;
using Catalog.Jobs;
using Catalog.Users;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Components.SelfService;
using Portal.SelfService;
using Portal.Tests.SelfService;

namespace Portal.Tests.Components;

/// <summary>The install dialog against a real portal's InstallService (temp SQLite): prompts, validation, the job it creates.</summary>
public sealed class InstallDialogTests(SelfServiceFixture world) : IClassFixture<SelfServiceFixture>, IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<DialogResult?> Result)> OpenAsync(Guid machineId, Guid applicationId)
    {
        _context.Services.AddSingleton(world.Get<InstallService>());
        var provider = _context.Render<MudDialogProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        var actor = new SelfServiceActor(await world.UserIdAsync("alice@example.com"), "alice@example.com", [RoleNames.User]);
        var parameters = new DialogParameters<InstallDialog>
        {
            { d => d.Actor, actor },
            { d => d.MachineId, machineId },
            { d => d.ApplicationId, applicationId },
            { d => d.ActionText, "Install" },
        };
        var reference = await provider.InvokeAsync(() => dialogs.ShowAsync<InstallDialog>("Install", parameters));
        provider.WaitForElement("[data-testid=install-confirm]");
        return (provider, reference.Result);
    }

    [Fact]
    public async Task Install_is_refused_while_an_answer_is_wrong_and_creates_the_job_once_it_is_fixed()
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var application = await world.AddPromptingApplicationAsync();
        var (dialog, result) = await OpenAsync(machine.Id, application.Id);
        dialog.WaitForElement("[data-testid=install-prompts]");

        Assert.Contains($"{application.Name} 1.0.0 on {machine.Name}", dialog.Markup);
        dialog.Find("input[data-testid=prompt-FOLDER]").Input("../escape");
        Assert.True(dialog.Find("[data-testid=install-confirm]").HasAttribute("disabled"));
        Assert.Contains("cannot contain", dialog.Find("[data-testid=error-FOLDER]").TextContent);

        dialog.Find("input[data-testid=prompt-FOLDER]").Input("my-editor");
        Assert.False(dialog.Find("[data-testid=install-confirm]").HasAttribute("disabled"));
        await dialog.Find("[data-testid=install-confirm]").ClickAsync(new());

        var closed = await result;
        var jobs = Assert.IsAssignableFrom<IReadOnlyList<Job>>(closed!.Data);
        var job = Assert.Single(jobs);
        Assert.Equal(application.Id, job.ApplicationId);
        Assert.Equal("my-editor", job.Answers["FOLDER"]);
        Assert.NotNull(await world.Get<JobRepository>().GetAsync(job.Id));
    }

    [Fact]
    public async Task Cancel_closes_without_installing()
    {
        var machine = await world.AddMachineAsync("alice@example.com");
        var application = await world.AddApplicationAsync();
        var (dialog, result) = await OpenAsync(machine.Id, application.Id);

        dialog.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.True((await result)!.Canceled);
        Assert.Empty(await world.Get<JobRepository>().ListAsync(new JobFilter { MachineId = machine.Id }));
    }

    [Fact]
    public async Task Another_users_machine_shows_why_and_offers_no_install()
    {
        var machine = await world.AddMachineAsync("bob@example.com");
        var application = await world.AddApplicationAsync();
        var (dialog, _) = await OpenAsync(machine.Id, application.Id);

        dialog.WaitForElement("[data-testid=install-error]");
        Assert.True(dialog.Find("[data-testid=install-confirm]").HasAttribute("disabled"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
