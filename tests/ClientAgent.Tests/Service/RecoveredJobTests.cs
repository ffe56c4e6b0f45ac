using ClientAgent.Service;

namespace ClientAgent.Tests.Service;

public sealed class RecoveredJobTests
{
    [Fact]
    public void RecoveryLines_CarryTheJobIdAndWhetherTheJobWasRolledBack()
    {
        var jobId = Guid.NewGuid();

        var rolledBack = RecoveredJob.FromLine($"Rolled back the interrupted Install of Editor (job {jobId})");
        var finished = RecoveredJob.FromLine($"Finished the interrupted Uninstall of Editor (job {jobId})");
        var anonymous = RecoveredJob.FromLine("Rolled back the interrupted 0123abc");

        Assert.Equal((jobId, true), (rolledBack.JobId, rolledBack.RolledBack));
        Assert.Equal((jobId, false), (finished.JobId, finished.RolledBack));
        Assert.Null(anonymous.JobId);
    }
}
