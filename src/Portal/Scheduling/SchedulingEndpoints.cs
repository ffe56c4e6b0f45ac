using System.Security.Claims;
using Catalog.Scheduling;
using Catalog.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Portal.Administration;
using Portal.SelfService;

namespace Portal.Scheduling;

/// <summary>
/// <c>/api/maintenance-windows</c> (administrators) and <c>POST /api/machines/{id}/required/{applicationId}/defer</c>
/// ("Later" for the machine's user). Required settings themselves are part of the application (<c>availability</c>).
/// </summary>
public static class SchedulingEndpoints
{
    public static IEndpointRouteBuilder MapSchedulingApi(this IEndpointRouteBuilder app)
    {
        var windows = app.MapGroup("/api/maintenance-windows").WithTags("Maintenance windows")
            .RequireAuthorization(AdministrationExtensions.AdministratorPolicy);
        windows.MapGet("/", ListAsync).WithSummary("Maintenance windows, by name, a page at a time.");
        windows.MapGet("/{id:guid}", GetAsync).WithSummary("One maintenance window.").ProducesProblem(StatusCodes.Status404NotFound);
        windows.MapPost("/", CreateAsync).WithSummary("Adds a maintenance window (every machine, or one machine by machineId).")
            .Accepts<MaintenanceWindow>("application/json").ProducesValidationProblem();
        windows.MapPut("/{id:guid}", ReplaceAsync).WithSummary("Replaces a maintenance window.")
            .Accepts<MaintenanceWindow>("application/json").ProducesValidationProblem();
        windows.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Deletes a maintenance window.").ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/machines/{id:guid}/required/{applicationId:guid}/defer", DeferAsync)
            .RequireAuthorization().AddEndpointFilter<SelfServiceProblemFilter>().WithTags("Machines")
            .WithSummary("\"Later\": postpones a required application on the machine by its deferral period, while postponements are left.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        app.MapPost("/api/jobs/{id:guid}/allow-termination", AllowTerminationAsync)
            .RequireAuthorization().AddEndpointFilter<SelfServiceProblemFilter>().WithTags("Jobs")
            .WithSummary("A Blocked job: allows the agent to close the application's blocking programs and go on.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static async Task<NoContent> AllowTerminationAsync(
        Guid id, ClaimsPrincipal user, BlockedJobService service, CancellationToken cancellationToken)
    {
        await service.AllowTerminationAsync(SelfServiceActor.From(user), id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ListAsync(int? limit, int? offset, MaintenanceWindowService service, CancellationToken cancellationToken) =>
        AdminHttp.Json(await service.ListAsync(limit ?? 100, offset ?? 0, cancellationToken));

    private static async Task<IResult> GetAsync(Guid id, MaintenanceWindowService service, CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is { } window
            ? AdminHttp.Json(window)
            : AdminHttp.NotFound($"There is no maintenance window with id {id}.");

    private static Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, MaintenanceWindowService service, CancellationToken cancellationToken) =>
        SaveAsync(request, null, user, service, StatusCodes.Status201Created, cancellationToken);

    private static async Task<IResult> ReplaceAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, MaintenanceWindowService service, CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is null
            ? AdminHttp.NotFound($"There is no maintenance window with id {id}.")
            : await SaveAsync(request, id, user, service, StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> SaveAsync(
        HttpRequest request, Guid? id, ClaimsPrincipal user, MaintenanceWindowService service, int status, CancellationToken cancellationToken)
    {
        var (window, problem) = await AdminHttp.ReadJsonAsync<MaintenanceWindow>(request, "maintenance window", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var saved = await service.SaveAsync(id is { } existing ? window! with { Id = existing } : window!, AdminHttp.Actor(user), cancellationToken);
            return Results.Json(saved, CatalogJson.Options, statusCode: status);
        }
        catch (MaintenanceWindowValidationException exception)
        {
            return Results.ValidationProblem(
                exception.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                detail: exception.Message,
                title: "The maintenance window has problems");
        }
    }

    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, MaintenanceWindowService service, CancellationToken cancellationToken) =>
        await service.DeleteAsync(id, AdminHttp.Actor(user), cancellationToken)
            ? Results.NoContent()
            : AdminHttp.NotFound($"There is no maintenance window with id {id}.");

    private static async Task<Ok<RequiredStatusView>> DeferAsync(
        Guid id, Guid applicationId, ClaimsPrincipal user, RequiredSoftwareService service, MachineAccess access, CancellationToken cancellationToken)
    {
        var actor = SelfServiceActor.From(user);
        var status = await service.DeferAsync(actor, id, applicationId, cancellationToken);
        var machine = await access.GetAsync(actor, id, cancellationToken);
        return TypedResults.Ok(RequiredStatusView.From(status, RequiredSoftwareService.ZoneOf(machine), null));
    }
}
