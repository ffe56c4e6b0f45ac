using Catalog.Applications;
using Catalog.Auditing;
using Portal.Data;
using Catalog.Jobs;
using Catalog.Machines;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;

namespace Portal.SelfService;

/// <summary>
/// Removes an application from a machine by its uninstall policy: refused when uninstall is disabled (or users may
/// not ask); a request to the helpdesk when the policy requires approval and the actor is not staff; else an
/// uninstall job at once. Every outcome is audited.
/// </summary>
public sealed class UninstallService(
    MachineAccess access,
    ApplicationRepository applications,
    JobRepository jobs,
    UninstallRequestRepository requests,
    JobLifecycle lifecycle,
    UninstallRequestNotifier notifier,
    AuditRepository audit,
    TimeProvider time)
{
    /// <summary>Longest reason a user may give.</summary>
    public const int MaximumReasonLength = 1000;

    public async Task<UninstallOutcome> UninstallAsync(SelfServiceActor actor, Guid machineId, UninstallBody body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var machine = await access.GetAsync(actor, machineId, cancellationToken);
        var inventory = MachineAccess.InventoryOf(machine);
        var application = await applications.GetAsync(body.ApplicationId, cancellationToken)
            ?? throw SelfServiceException.NotFound($"There is no application with id {body.ApplicationId}.");
        var reason = (body.Reason ?? "").Trim();
        if (reason.Length > MaximumReasonLength)
        {
            throw SelfServiceException.Unprocessable($"The reason is {reason.Length} characters; at most {MaximumReasonLength} are allowed.");
        }

        var policy = application.UninstallPolicy;
        if (!policy.Enabled)
        {
            throw SelfServiceException.Conflict($"{application.Name} cannot be uninstalled: its uninstall policy does not allow it.");
        }

        if (!actor.IsStaff && !policy.UserMayRequest)
        {
            throw new PortalAccessException($"{application.Name} can only be removed by the helpdesk; users may not ask for it.");
        }

        if (CatalogQuery.InstalledCopy(application, inventory) is null)
        {
            throw SelfServiceException.Conflict($"{application.Name} is not installed on {machine.Name}.");
        }

        if (await jobs.HasActiveJobAsync(machine.Id, application.Id, cancellationToken))
        {
            throw SelfServiceException.Conflict(
                $"{application.Name} already has an unfinished job on {machine.Name}; wait until it is done.");
        }

        if (policy.RequiresApproval && !actor.IsStaff)
        {
            return new UninstallOutcome(null, await RequestAsync(actor, machine, application, reason, cancellationToken));
        }

        var job = await lifecycle.CreateUninstallAsync(actor.UserId, machine.Id, application, cancellationToken);
        await AuditAsync(actor, "uninstall.started", machine, application, $"job {job.Id}" + (reason.Length > 0 ? $"; reason: {reason}" : ""), cancellationToken);
        return new UninstallOutcome(job, null);
    }

    private async Task<UninstallRequest> RequestAsync(
        SelfServiceActor actor, Machine machine, Application application, string reason, CancellationToken cancellationToken)
    {
        if (await requests.PendingForAsync(machine.Id, application.Id, cancellationToken) is not null)
        {
            throw SelfServiceException.Conflict(
                $"Removal of {application.Name} from {machine.Name} has already been requested and is waiting for the helpdesk.");
        }

        var request = new UninstallRequest
        {
            MachineId = machine.Id,
            ApplicationId = application.Id,
            UserId = actor.UserId,
            Reason = reason,
            CreatedAt = time.GetUtcNow(),
        };
        await requests.AddAsync(request, cancellationToken);
        await AuditAsync(actor, "uninstall.requested", machine, application, reason.Length > 0 ? $"reason: {reason}" : "no reason given", cancellationToken);
        await notifier.PublishAsync(new UninstallRequestChanged(request.Id, machine.Id, application.Id, request.State, ""));
        return request;
    }

    private Task AuditAsync(SelfServiceActor actor, string action, Machine machine, Application application, string detail, CancellationToken cancellationToken) =>
        audit.AddAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Label,
            Action = action,
            Target = $"{application.Name} {application.Version} on {machine.Name}",
            Detail = detail,
        }, cancellationToken);
}
