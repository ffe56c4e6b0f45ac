using Bunit;
using Portal.Components.SelfService;
using Portal.SelfService;

namespace Portal.Tests.Components;

public sealed class JobProgressTests : IAsyncLifetime
{
    private readonly BunitContext _context = MudTestContext.Create();

    private static JobView Job(string state, string? phase = null, int percent = 0, string message = "") => new(
        Guid.NewGuid(), Guid.NewGuid(), "alice-laptop", Guid.NewGuid(), "Editor", "2.0.0", "Install", state, phase, percent, message,
        Guid.NewGuid(), 0, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null);

    [Theory]
    [InlineData("Queued", null, 0, "", "Waiting for the machine…")]
    [InlineData("Delivered", null, 0, "", "Sent to the machine…")]
    [InlineData("Running", "Downloading", 50, "", "Downloading 50%")]
    [InlineData("Running", "Installing", 100, "Copied 0 of 0 MB", "Installing")]
    [InlineData("Running", "Installing", 30, "Copied 12 of 40 MB", "Installing 30% — Copied 12 of 40 MB")]
    [InlineData("Running", "Scripts", 50, "post-install", "Running scripts — post-install")]
    public void Progress_reads_as_people_would_say_it(string state, string? phase, int percent, string message, string expected) =>
        Assert.Equal(expected, JobProgressText.For(state, phase, percent, message));

    [Fact]
    public void The_jobs_grid_shows_live_progress_and_the_outcome_of_finished_jobs()
    {
        var running = Job("Running", "Downloading", 50);
        var failed = Job("Failed", message: "Download failed from every source");

        var grid = _context.Render<JobsGrid>(p => p.Add(c => c.Jobs, [running, failed]));

        var progress = grid.Find("[data-testid=jobs-grid] [data-testid=job-progress]");
        Assert.Equal("50", progress.GetAttribute("data-percent"));
        Assert.Contains("Downloading 50%", progress.TextContent);
        Assert.Equal("Download failed from every source", grid.Find("[data-testid=jobs-grid] [data-testid=job-outcome]").TextContent);
        Assert.Equal(["Running", "Failed"], grid.FindAll("[data-testid=jobs-grid] [data-testid=job-state-badge]").Select(b => b.TextContent.Trim()));
    }

    [Fact]
    public void Retry_and_cancel_show_only_where_they_apply_and_raise_the_job()
    {
        var failed = Job("Failed");
        var queued = Job("Queued");
        JobView? retried = null;
        JobView? cancelled = null;

        var grid = _context.Render<JobsGrid>(p => p
            .Add(c => c.Jobs, [failed, queued])
            .Add(c => c.OnRetry, j => retried = j)
            .Add(c => c.OnCancel, j => cancelled = j));

        Assert.Single(grid.FindAll("[data-testid=jobs-grid] [data-testid=job-retry]"));
        Assert.Single(grid.FindAll("[data-testid=jobs-grid] [data-testid=job-cancel]"));
        grid.Find("[data-testid=jobs-grid] [data-testid=job-retry]").Click();
        grid.Find("[data-testid=jobs-grid] [data-testid=job-cancel]").Click();
        Assert.Same(failed, retried);
        Assert.Same(queued, cancelled);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
