using Catalog.Agents;
using Catalog.Events;
using Catalog.Jobs;

namespace ClientAgent.Service;

/// <summary>
/// Forwards one job's progress to the portal: <c>Progress</c> when phase, percent or message change; warnings, errors
/// and script output also as <c>JobLog</c>; reportable engine events (e.g. ProcessTermination) as <c>Event</c>.
/// </summary>
internal sealed class JobReporter(AgentService service, JobMessage job, TimeProvider time) : IProgress<JobProgress>
{
    private JobProgress? _last;

    public void Report(JobProgress value)
    {
        if (value.Level != JobEventLevel.Info)
        {
            service.Send(AgentHubMethods.JobLog, [job.JobId, value.Level, value.Message]);
        }

        if (value.Event is { } type)
        {
            Event(type, value.Message);
        }

        if (_last is null || _last.Phase != value.Phase || _last.Percent != value.Percent || (_last.Message != value.Message && value.Level == JobEventLevel.Info))
        {
            _last = value;
            service.Send(AgentHubMethods.Progress, [job.JobId, value.Phase, value.Percent, value.Message]);
        }
    }

    public void Event(EventType type, string message) =>
        service.Send(AgentHubMethods.Event, [new AgentEvent
        {
            Type = type,
            ApplicationId = job.ApplicationId,
            ApplicationName = job.ApplicationName,
            Version = job.ApplicationVersion,
            JobId = job.JobId,
            User = Environment.UserName,
            Message = message,
            At = time.GetUtcNow(),
        }]);
}
