using Bunit;
using Portal.Components.SelfService;
using Portal.SelfService;

namespace Portal.Tests.Components;

public sealed class ApprovalQueueTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-22T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private readonly BunitContext _context = MudTestContext.Create();

    private static UninstallRequestView Request(string reason = "Not used any more") => new(
        Guid.NewGuid(), Guid.NewGuid(), "alice-laptop", Guid.NewGuid(), "Editor", "2.0.0", Guid.NewGuid(), "alice@example.com",
        reason, "Pending", "", "", null, Now.AddHours(-3), null);

    [Fact]
    public void Each_request_shows_who_machine_application_reason_and_age()
    {
        var queue = _context.Render<ApprovalQueue>(p => p.Add(c => c.Requests, [Request()]).Add(c => c.Now, Now));

        var cells = queue.FindAll("[data-testid=request-row] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("alice@example.com", cells[0]);
        Assert.Equal("alice-laptop", cells[1]);
        Assert.Equal("Editor 2.0.0", cells[2]);
        Assert.Equal("Not used any more", cells[3]);
        Assert.Equal("3 h ago", cells[4]);
        Assert.Equal("Who", queue.Find("[data-testid=request-row] td").GetAttribute("data-label"));
    }

    [Fact]
    public void Approve_and_deny_raise_the_request_clicked()
    {
        var first = Request();
        var second = Request("");
        UninstallRequestView? approved = null;
        UninstallRequestView? denied = null;
        var queue = _context.Render<ApprovalQueue>(p => p
            .Add(c => c.Requests, [first, second])
            .Add(c => c.Now, Now)
            .Add(c => c.OnApprove, r => approved = r)
            .Add(c => c.OnDeny, r => denied = r));

        queue.FindAll("[data-testid=request-approve]")[0].Click();
        queue.FindAll("[data-testid=request-deny]")[1].Click();

        Assert.Same(first, approved);
        Assert.Same(second, denied);
        Assert.Equal("—", queue.FindAll("[data-testid=request-row]")[1].QuerySelectorAll("td")[3].TextContent.Trim());
    }

    [Fact]
    public void A_request_being_decided_cannot_be_clicked_again()
    {
        var busy = Request();
        var queue = _context.Render<ApprovalQueue>(p => p
            .Add(c => c.Requests, [busy, Request()])
            .Add(c => c.Now, Now)
            .Add(c => c.Busy, new HashSet<Guid> { busy.Id }));

        Assert.True(queue.FindAll("[data-testid=request-approve]")[0].HasAttribute("disabled"));
        Assert.False(queue.FindAll("[data-testid=request-approve]")[1].HasAttribute("disabled"));
    }

    [Fact]
    public void An_empty_queue_says_so()
    {
        var queue = _context.Render<ApprovalQueue>(p => p.Add(c => c.Requests, []).Add(c => c.Now, Now));

        Assert.Contains("No requests are waiting.", queue.Find("[data-testid=requests-empty]").TextContent);
        Assert.Empty(queue.FindAll("table"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();
}
