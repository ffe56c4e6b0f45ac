using ClientAgent.Service;

namespace ClientAgent.Tests.Service;

public sealed class UnreportedCompletionsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void OutcomesNotYetConfirmed_SurviveAnAgentRestart_UntilRemoved()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var before = new UnreportedCompletions(_temp.Path);
        before.Add(first);
        before.Add(second);
        before.Remove(first);

        var after = new UnreportedCompletions(_temp.Path);

        Assert.Equal([second], after.List());
        Assert.False(after.Contains(first));
        after.Remove(second);
        Assert.Empty(new UnreportedCompletions(_temp.Path).List());
    }
}
