using Catalog.Auditing;
using Portal.Data;

namespace Portal.Administration;

/// <summary>Records administrators' changes in the audit trail with the current time.</summary>
public sealed class AuditTrail(AuditRepository audit, TimeProvider time)
{
    public Task RecordAsync(string actor, string action, string target, string detail, CancellationToken cancellationToken) =>
        audit.AddAsync(
            new AuditEntry
            {
                At = time.GetUtcNow(),
                Actor = string.IsNullOrWhiteSpace(actor) ? "(unknown)" : actor,
                Action = action,
                Target = target,
                Detail = detail,
            },
            cancellationToken);
}
