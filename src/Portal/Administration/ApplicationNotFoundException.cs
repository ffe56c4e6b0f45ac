namespace Portal.Administration;

/// <summary>No application has the id asked for.</summary>
public sealed class ApplicationNotFoundException(Guid id)
    : Exception($"There is no application with id {id}.")
{
    public Guid Id { get; } = id;
}
