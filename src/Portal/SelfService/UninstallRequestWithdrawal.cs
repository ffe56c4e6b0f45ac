using Catalog.Auditing;
using Portal.Data;
using Catalog.Jobs;

namespace Portal.SelfService;

/// <summary>
/// A user takes back their own pending uninstall request (staff may withdraw any): the request ends as Cancelled, the
/// change is audited and pushed, so the helpdesk queue and the user's catalog update at once.
/// </summary>
public sealed class UninstallRequestWithdrawal(
    UninstallRequestRepository requests,
    UninstallRequestNotifier notifier,
    AuditRepository audit,
    TimeProvider time)
{
    public async Task WithdrawAsync(SelfServiceActor actor, Guid requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var request = await requests.GetAsync(requestId, cancellationToken)
            ?? throw SelfServiceException.NotFound($"There is no uninstall request with id {requestId}.");
        if (request.UserId != actor.UserId && !actor.IsStaff)
        {
            throw new PortalAccessException("Only the person who asked can withdraw this uninstall request.");
        }

        if (request.State != UninstallRequestState.Pending || !await requests.CancelAsync(request.Id, cancellationToken))
        {
            throw SelfServiceException.Conflict("The helpdesk has already decided this request; it can no longer be withdrawn.");
        }

        await audit.AddAsync(new AuditEntry
        {
            At = time.GetUtcNow(),
            Actor = actor.Label,
            Action = "uninstall.withdrawn",
            Target = $"application {request.ApplicationId} on machine {request.MachineId}",
            Detail = $"request {request.Id}",
        }, cancellationToken);
        await notifier.PublishAsync(new UninstallRequestChanged(request.Id, request.MachineId, request.ApplicationId, UninstallRequestState.Cancelled, ""));
    }
}
