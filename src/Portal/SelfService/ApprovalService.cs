using Catalog.Auditing;
using Portal.Data;
using Catalog.Jobs;
using Portal.AgentLink;
using Portal.Jobs;
using Portal.Reporting;
using Portal.Identity;

namespace Portal.SelfService;

/// <summary>
/// The helpdesk's side of uninstall requests: the queue, approving (which starts the uninstall job) and denying
/// with a reason. Users see their own requests. Decisions are audited and pushed to live pages.
/// </summary>
public sealed class ApprovalService(
    MachineAccess access,
    ApplicationRepository applications,
    UninstallRequestRepository requests,
    JobLifecycle lifecycle,
    UninstallRequestNotifier notifier,
    AuditRepository audit,
    TimeProvider time)
{
    /// <summary>Requests in a state (all when null), newest first: every request for staff, a user's own otherwise.</summary>
    public async Task<IReadOnlyList<UninstallRequestView>> ListAsync(
        SelfServiceActor actor, UninstallRequestState? state, CancellationToken cancellationToken, int limit = 200, int offset = 0)
    {
        var page = await requests.ListPageAsync(state, actor.IsStaff ? null : actor.UserId, null, limit, offset, cancellationToken);
        return page.Select(ToView).ToList();
    }

    public async Task<UninstallRequestView> ApproveAsync(SelfServiceActor actor, Guid requestId, CancellationToken cancellationToken)
    {
        var request = await PendingAsync(actor, requestId, cancellationToken);
        var machine = await access.GetAsync(actor, request.MachineId, cancellationToken);
        var application = await applications.GetAsync(request.ApplicationId, cancellationToken)
            ?? throw SelfServiceException.Conflict("The application of this request no longer exists in the catalog; deny the request instead.");
        var job = await lifecycle.CreateUninstallAsync(request.UserId, machine.Id, application, cancellationToken);
        if (!await requests.DecideAsync(request.Id, approved: true, actor.UserId, "", job.Id, time.GetUtcNow(), cancellationToken))
        {
            await lifecycle.CancelAsync(job.Id, "The uninstall request was decided by someone else at the same time.", cancellationToken);
            throw SelfServiceException.Conflict("This request was decided by someone else a moment ago.");
        }

        await audit.AddAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Label,
            Action = "uninstall.approved",
            Target = $"{application.Name} {application.Version} on {machine.Name}",
            Detail = $"request {request.Id}; job {job.Id}",
        }, cancellationToken);
        await notifier.PublishAsync(new UninstallRequestChanged(request.Id, request.MachineId, request.ApplicationId, UninstallRequestState.Approved, ""));
        return await ViewAsync(request.Id, cancellationToken);
    }

    public async Task<UninstallRequestView> DenyAsync(SelfServiceActor actor, Guid requestId, string? reason, CancellationToken cancellationToken)
    {
        var text = (reason ?? "").Trim();
        if (text.Length == 0)
        {
            throw SelfServiceException.Unprocessable("Give a reason for the denial; the user sees it.");
        }

        if (text.Length > UninstallService.MaximumReasonLength)
        {
            throw SelfServiceException.Unprocessable($"The reason is {text.Length} characters; at most {UninstallService.MaximumReasonLength} are allowed.");
        }

        var request = await PendingAsync(actor, requestId, cancellationToken);
        if (!await requests.DecideAsync(request.Id, approved: false, actor.UserId, text, null, time.GetUtcNow(), cancellationToken))
        {
            throw SelfServiceException.Conflict("This request was decided by someone else a moment ago.");
        }

        var view = await ViewAsync(request.Id, cancellationToken);
        await audit.AddAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Label,
            Action = "uninstall.denied",
            Target = $"{view.ApplicationName} {view.ApplicationVersion} on {view.MachineName}",
            Detail = $"request {request.Id}; reason: {text}",
        }, cancellationToken);
        await notifier.PublishAsync(new UninstallRequestChanged(request.Id, request.MachineId, request.ApplicationId, UninstallRequestState.Denied, text));
        return view;
    }

    private async Task<UninstallRequest> PendingAsync(SelfServiceActor actor, Guid requestId, CancellationToken cancellationToken)
    {
        if (!actor.IsStaff)
        {
            throw new PortalAccessException("Only the helpdesk can approve or deny uninstall requests.");
        }

        var request = await requests.GetAsync(requestId, cancellationToken)
            ?? throw SelfServiceException.NotFound($"There is no uninstall request with id {requestId}.");
        return request.State == UninstallRequestState.Pending
            ? request
            : throw SelfServiceException.Conflict($"This request was already {request.State.ToString().ToLowerInvariant()}.");
    }

    /// <summary>The request with names filled in.</summary>
    public async Task<UninstallRequestView> ViewAsync(Guid requestId, CancellationToken cancellationToken) =>
        ToView((await requests.ListPageAsync(null, null, requestId, 1, 0, cancellationToken))[0]);

    private static UninstallRequestView ToView(UninstallRequestListing listing)
    {
        var r = listing.Request;
        return new UninstallRequestView(
            r.Id,
            r.MachineId,
            listing.MachineName.Length > 0 ? listing.MachineName : r.MachineId.ToString(),
            r.ApplicationId,
            listing.ApplicationName.Length > 0 ? listing.ApplicationName : "(deleted application)",
            listing.ApplicationVersion,
            r.UserId,
            listing.UserEmail.Length > 0 ? listing.UserEmail : r.UserId.ToString(),
            r.Reason,
            r.State.ToString(),
            r.DecidedBy is { } decider ? (listing.DeciderEmail.Length > 0 ? listing.DeciderEmail : decider.ToString()) : "",
            r.DecisionReason,
            r.JobId,
            r.CreatedAt,
            r.DecidedAt);
    }
}
