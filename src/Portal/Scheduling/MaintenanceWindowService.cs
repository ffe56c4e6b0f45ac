using Catalog.Scheduling;
using Portal.Administration;
using Portal.Data;

namespace Portal.Scheduling;

/// <summary>Administrators' side of maintenance windows (editor page and REST API): validated, audited.</summary>
public sealed class MaintenanceWindowService(MaintenanceWindowRepository windows, MachineRepository machines, AuditTrail audit)
{
    public Task<IReadOnlyList<MaintenanceWindow>> ListAsync(int limit, int offset, CancellationToken cancellationToken) =>
        windows.ListPageAsync(limit, offset, cancellationToken);

    public Task<MaintenanceWindow?> GetAsync(Guid id, CancellationToken cancellationToken) => windows.GetAsync(id, cancellationToken);

    /// <summary>Adds or replaces a window; refused with every problem when it is invalid or names an unknown machine.</summary>
    public async Task<MaintenanceWindow> SaveAsync(MaintenanceWindow window, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var cleaned = window with { Name = window.Name?.Trim() ?? "", Days = (window.Days ?? []).Distinct().Order().ToList() };
        var errors = MaintenanceWindowValidator.Validate(cleaned).ToList();
        if (cleaned.MachineId is { } machineId && machineId != Guid.Empty && await machines.GetSummaryAsync(machineId, cancellationToken) is null)
        {
            errors.Add(new("MachineId", $"There is no machine with id {machineId}"));
        }

        if (errors.Count > 0)
        {
            throw new MaintenanceWindowValidationException(errors);
        }

        await windows.SaveAsync(cleaned, cancellationToken);
        await audit.RecordAsync(actor, "maintenance-window.save", cleaned.Name, Describe(cleaned), cancellationToken);
        return cleaned;
    }

    public async Task<bool> DeleteAsync(Guid id, string actor, CancellationToken cancellationToken)
    {
        var existing = await windows.GetAsync(id, cancellationToken);
        if (existing is null || !await windows.DeleteAsync(id, cancellationToken))
        {
            return false;
        }

        await audit.RecordAsync(actor, "maintenance-window.delete", existing.Name, Describe(existing), cancellationToken);
        return true;
    }

    /// <summary>"Mon, Tue 22:00–04:00, every machine".</summary>
    public static string Describe(MaintenanceWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var days = string.Join(", ", window.Days.Select(d => d.ToString()[..3]));
        var scope = window.MachineId is { } machine ? $"machine {machine:D}" : "every machine";
        return $"{days} {window.Start:HH\\:mm}–{window.End:HH\\:mm} (machine's time zone), {scope}";
    }
}
