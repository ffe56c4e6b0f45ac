using Catalog.Agents;
using Catalog.Machines;
using Portal.Cluster;
using Portal.Data;
using Portal.Identity;

namespace Portal.AgentLink;

/// <summary>Issues enrollment tokens and exchanges them for machine credentials; revokes machines.</summary>
public sealed class EnrollmentService(
    EnrollmentTokenRepository tokens,
    MachineRepository machines,
    UserDirectory users,
    AgentConnectionRegistry registry,
    ClusterBus cluster,
    TimeProvider time)
{
    public const int DefaultExpiresInHours = 24;

    /// <exception cref="ArgumentException">The owner is unknown or the lifetime is out of range.</exception>
    public async Task<CreatedEnrollmentToken> CreateTokenAsync(string? ownerEmail, int? expiresInHours, string createdBy, CancellationToken cancellationToken)
    {
        var hours = expiresInHours ?? DefaultExpiresInHours;
        if (hours is < 1 or > 24 * 365)
        {
            throw new ArgumentException($"expiresInHours must be between 1 and {24 * 365}, not {hours}.");
        }

        Guid? ownerId = null;
        if (!string.IsNullOrWhiteSpace(ownerEmail))
        {
            ownerId = await users.FindIdByEmailAsync(ownerEmail, cancellationToken)
                ?? throw new ArgumentException($"There is no user with the email '{ownerEmail}'.");
        }

        var token = AgentSecrets.Generate();
        var now = time.GetUtcNow();
        var record = new EnrollmentToken
        {
            TokenHash = AgentSecrets.Hash(token),
            OwnerUserId = ownerId,
            ExpiresAt = now.AddHours(hours),
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        await tokens.CreateAsync(record, cancellationToken);
        return new CreatedEnrollmentToken(record.Id, token, record.ExpiresAt);
    }

    /// <summary>Redeems the token: on success the machine exists and <see cref="EnrollResponse.Credential"/> is its only copy.</summary>
    public async Task<(RedeemOutcome Outcome, EnrollResponse? Response)> EnrollAsync(EnrollRequest request, CancellationToken cancellationToken)
    {
        var credential = AgentSecrets.Generate();
        var machine = new Machine
        {
            Name = request.MachineName.Trim(),
            CredentialHash = AgentSecrets.Hash(credential),
            Inventory = request.Inventory,
        };
        var result = await tokens.RedeemAsync(AgentSecrets.Hash(request.Token), machine, time.GetUtcNow(), cancellationToken);
        return result.Succeeded ? (result.Outcome, new EnrollResponse(machine.Id, credential)) : (result.Outcome, null);
    }

    /// <summary>Revokes the machine's credential and drops its live connections at once, on every portal node.</summary>
    public async Task<bool> RevokeMachineAsync(Guid machineId, CancellationToken cancellationToken)
    {
        if (!await machines.RevokeAsync(machineId, cancellationToken))
        {
            return false;
        }

        registry.Disconnect(machineId);
        cluster.Publish(ClusterMessageKind.RevokeMachine, machineId);
        return true;
    }
}
