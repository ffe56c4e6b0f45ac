using System.Security.Claims;
using Catalog.Agents;
using Microsoft.Net.Http.Headers;
using Portal.Data;

namespace Portal.AgentLink;

/// <summary>The agent link's HTTP endpoints: enrollment, machine revocation and package content.</summary>
internal static class AgentLinkEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/enrollment-tokens", CreateTokenAsync).RequireAuthorization(AgentAuthentication.ManageAgentsPolicy);
        routes.MapPost("/api/agents/enroll", EnrollAsync).AllowAnonymous();
        routes.MapPost("/api/agents/{machineId:guid}/revoke", RevokeAsync).RequireAuthorization(AgentAuthentication.ManageAgentsPolicy);
        routes.MapGet("/api/packages/{sha256}", GetPackage).RequireAuthorization(AgentAuthentication.PackageReaderPolicy);
    }

    private static async Task<IResult> CreateTokenAsync(
        CreateEnrollmentTokenRequest request, ClaimsPrincipal user, EnrollmentService enrollment, CancellationToken cancellationToken)
    {
        try
        {
            var created = await enrollment.CreateTokenAsync(request.OwnerEmail, request.ExpiresInHours, user.Identity?.Name ?? "", cancellationToken);
            return Results.Ok(new { token = created.Token, expiresAt = created.ExpiresAt, id = created.Id });
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(title: "Enrollment token not created", detail: ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> EnrollAsync(EnrollRequest request, EnrollmentService enrollment, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            return Results.Problem(title: "Enrollment refused", detail: "The enrollment token is missing.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (string.IsNullOrWhiteSpace(request.MachineName))
        {
            return Results.Problem(title: "Enrollment refused", detail: "The machine name is missing.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.MachineName.Trim().Length > Catalog.Machines.InventoryLimits.MaximumHostNameLength)
        {
            return Results.Problem(
                title: "Enrollment refused",
                detail: $"The machine name is longer than {Catalog.Machines.InventoryLimits.MaximumHostNameLength} characters.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        if (request.Inventory is { } inventory && Catalog.Machines.InventoryValidator.FindProblem(inventory, DateTimeOffset.UtcNow) is { } problem)
        {
            return Results.Problem(title: "Enrollment refused", detail: $"The inventory was refused: {problem}", statusCode: StatusCodes.Status400BadRequest);
        }

        var (outcome, response) = await enrollment.EnrollAsync(request, cancellationToken);
        return outcome switch
        {
            RedeemOutcome.Enrolled => Results.Ok(response),
            RedeemOutcome.UnknownToken => Refused(StatusCodes.Status401Unauthorized, "The enrollment token is not valid."),
            RedeemOutcome.AlreadyUsed => Refused(StatusCodes.Status400BadRequest, "The enrollment token has already been used."),
            RedeemOutcome.Expired => Refused(StatusCodes.Status400BadRequest, "The enrollment token has expired."),
            RedeemOutcome.Revoked => Refused(StatusCodes.Status400BadRequest, "The enrollment token has been revoked."),
            _ => throw new InvalidOperationException($"Unexpected enrollment outcome {outcome}."),
        };

        static IResult Refused(int status, string detail) => Results.Problem(title: "Enrollment refused", detail: detail, statusCode: status);
    }

    private static async Task<IResult> RevokeAsync(Guid machineId, EnrollmentService enrollment, CancellationToken cancellationToken) =>
        await enrollment.RevokeMachineAsync(machineId, cancellationToken)
            ? Results.NoContent()
            : Results.Problem(title: "Machine not found", detail: $"There is no machine with id {machineId}.", statusCode: StatusCodes.Status404NotFound);

    private static IResult GetPackage(string sha256, PackageStore store)
    {
        if (!PackageStore.IsSha256(sha256))
        {
            return Results.Problem(title: "Bad package address", detail: $"'{sha256}' is not a SHA-256 in hex.", statusCode: StatusCodes.Status400BadRequest);
        }

        var path = store.Find(sha256);
        return path is null
            ? Results.Problem(title: "Package not found", detail: $"The package store holds no package {sha256.ToLowerInvariant()}.", statusCode: StatusCodes.Status404NotFound)
            : Results.File(path, "application/zip", fileDownloadName: null, lastModified: null,
                entityTag: new EntityTagHeaderValue($"\"{sha256.ToLowerInvariant()}\""), enableRangeProcessing: true);
    }
}
