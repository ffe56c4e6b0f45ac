using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.SelfService;

/// <summary>
/// <c>GET /api/machines/{id}/updates</c> (the machine's Updates view: entries as in <c>/api/catalog</c>) and
/// <c>POST /api/machines/{id}/updates</c> ("Update all": one outcome per application, a job id or the reason).
/// </summary>
public static class UpdateEndpoints
{
    public static IEndpointRouteBuilder MapUpdateApi(this IEndpointRouteBuilder app)
    {
        var machines = app.MapGroup("/api/machines").RequireAuthorization().AddEndpointFilter<SelfServiceProblemFilter>()
            .WithTags("Machines")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        machines.MapGet("/{id:guid}/updates", ListAsync)
            .WithSummary("What can be updated on this machine: catalog entries with a newer version, an allowed downgrade or a replacing product.");
        machines.MapPost("/{id:guid}/updates", UpdateAllAsync)
            .WithSummary("Update all: starts every update of the machine; one outcome per application (its job, or why not).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CatalogItemView>>> ListAsync(
        Guid id, ClaimsPrincipal user, UpdateService updates, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<CatalogItemView>>(
            [.. (await updates.ListAsync(SelfServiceActor.From(user), id, cancellationToken)).Select(CatalogItemView.From)]);

    private static async Task<Ok<IReadOnlyList<UpdateOutcome>>> UpdateAllAsync(
        Guid id, ClaimsPrincipal user, UpdateService updates, CancellationToken cancellationToken) =>
        TypedResults.Ok(await updates.UpdateAllAsync(SelfServiceActor.From(user), id, cancellationToken));
}
