using Catalog.Applications;

namespace Portal.Administration;

/// <summary>An application was not saved because it has problems; <see cref="Errors"/> names each field at fault.</summary>
public sealed class ApplicationValidationException(IReadOnlyList<ValidationError> errors)
    : Exception($"The application has {errors.Count} problem(s): {string.Join(" ", errors.Select(e => e.Message.TrimEnd('.') + "."))}")
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
