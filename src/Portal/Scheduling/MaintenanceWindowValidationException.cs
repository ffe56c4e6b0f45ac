using Catalog.Applications;

namespace Portal.Scheduling;

/// <summary>A maintenance window was not saved because it has problems; <see cref="Errors"/> names each field at fault.</summary>
public sealed class MaintenanceWindowValidationException(IReadOnlyList<ValidationError> errors)
    : Exception($"The maintenance window has {errors.Count} problem(s): {string.Join(" ", errors.Select(e => e.Message.TrimEnd('.') + "."))}")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
