using Catalog.Machines;

namespace Catalog.Data;

/// <summary>The outcome of redeeming an enrollment token: the enrolled machine, or why nothing was enrolled.</summary>
public sealed record EnrollmentResult
{
    private EnrollmentResult(Machine? machine, string? error)
    {
        Machine = machine;
        Error = error;
    }

    public Machine? Machine { get; }

    /// <summary>A sentence saying why the token was refused; null on success.</summary>
    public string? Error { get; }

    public bool Succeeded => Machine is not null;

    public static EnrollmentResult Success(Machine machine) => new(machine, null);

    public static EnrollmentResult Failure(string error) => new(null, error);
}
