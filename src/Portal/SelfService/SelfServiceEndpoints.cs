using System.Security.Claims;
using Catalog.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Portal.SelfService;

/// <summary>
/// The self-service REST API under <c>/api</c>: machines, catalog, installs, uninstalls, uninstall requests, jobs.
/// Same rules as the pages (they call the same services); refusals are problem details with a clear <c>detail</c>.
/// </summary>
public static class SelfServiceEndpoints
{
    public static IEndpointRouteBuilder MapSelfServiceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter<SelfServiceProblemFilter>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var machines = api.MapGroup("/machines").WithTags("Machines");
        machines.MapGet("/", ListMachinesAsync).WithSummary("Lists your machines (every machine for helpdesk and administrators).");
        machines.MapGet("/{id:guid}", GetMachineAsync).WithSummary("One machine with its volumes and installed applications.");
        machines.MapPost("/{id:guid}/installs", InstallAsync)
            .WithSummary("Installs an application (and the dependencies it lacks) with the answers to its prompts; returns the job chain.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        machines.MapPost("/{id:guid}/uninstalls", UninstallAsync)
            .WithSummary("Uninstalls an application, or asks the helpdesk when its policy requires approval.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapGet("/catalog", GetCatalogAsync).WithTags("Catalog")
            .WithSummary("The catalog of a machine: each application with state, unmet requirement reasons, install state and prompts.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var requests = api.MapGroup("/uninstall-requests").WithTags("Uninstall requests");
        requests.MapGet("/", ListRequestsAsync).WithSummary("Uninstall requests (yours, or all for the helpdesk), optionally by state.");
        requests.MapPost("/{id:guid}/approve", ApproveAsync).WithSummary("Helpdesk: approves a request and starts the uninstall job.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        requests.MapPost("/{id:guid}/deny", DenyAsync).WithSummary("Helpdesk: denies a request with a reason the user sees.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("/", ListJobsAsync).WithSummary("Jobs on your machines (all for the helpdesk), filtered by machine, application and state.");
        jobs.MapGet("/{id:guid}", GetJobAsync).WithSummary("One job with its events (progress, script output, outcome).");
        jobs.MapPost("/{id:guid}/cancel", CancelJobAsync).WithSummary("Cancels a job that has not started.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        jobs.MapPost("/{id:guid}/retry", RetryJobAsync).WithSummary("Helpdesk: queues a failed, rolled-back or cancelled job again.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static SelfServiceActor Actor(ClaimsPrincipal user) => SelfServiceActor.From(user);

    private static async Task<Ok<IReadOnlyList<MachineView>>> ListMachinesAsync(
        string? search, int? limit, int? offset, ClaimsPrincipal user, MachineDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(Actor(user), search, limit ?? 100, offset ?? 0, cancellationToken));

    private static async Task<Ok<MachineView>> GetMachineAsync(Guid id, ClaimsPrincipal user, MachineDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.GetAsync(Actor(user), id, cancellationToken));

    private static async Task<Ok<IReadOnlyList<CatalogItemView>>> GetCatalogAsync(
        Guid machineId, ClaimsPrincipal user, CatalogQuery catalog, CancellationToken cancellationToken)
    {
        var result = await catalog.GetAsync(Actor(user), machineId, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CatalogItemView>>(result.Items.Select(CatalogItemView.From).ToList());
    }

    private static async Task<Accepted<InstallResponse>> InstallAsync(
        Guid id, InstallRequest request, ClaimsPrincipal user, InstallService installs, JobQueries jobs, CancellationToken cancellationToken)
    {
        var chain = await installs.InstallAsync(Actor(user), id, request, cancellationToken);
        var views = await jobs.ViewsAsync(chain, cancellationToken);
        return TypedResults.Accepted($"/api/jobs/{chain[^1].Id:D}", new InstallResponse(chain[^1].Id, views));
    }

    private static async Task<Accepted<UninstallResponse>> UninstallAsync(
        Guid id, UninstallBody body, ClaimsPrincipal user, UninstallService uninstalls, JobQueries jobs, ApprovalService approvals,
        CancellationToken cancellationToken)
    {
        var outcome = await uninstalls.UninstallAsync(Actor(user), id, body, cancellationToken);
        if (outcome.Job is { } job)
        {
            var view = (await jobs.ViewsAsync([job], cancellationToken))[0];
            return TypedResults.Accepted($"/api/jobs/{job.Id:D}", new UninstallResponse("job", view, null));
        }

        var request = await approvals.ViewAsync(outcome.Request!.Id, cancellationToken);
        return TypedResults.Accepted($"/api/uninstall-requests?state=Pending", new UninstallResponse("request", null, request));
    }

    private static async Task<Ok<IReadOnlyList<UninstallRequestView>>> ListRequestsAsync(
        UninstallRequestState? state, int? limit, int? offset, ClaimsPrincipal user, ApprovalService approvals, CancellationToken cancellationToken) =>
        TypedResults.Ok(await approvals.ListAsync(Actor(user), state, cancellationToken, limit ?? 200, offset ?? 0));

    private static async Task<Ok<UninstallRequestView>> ApproveAsync(Guid id, ClaimsPrincipal user, ApprovalService approvals, CancellationToken cancellationToken) =>
        TypedResults.Ok(await approvals.ApproveAsync(Actor(user), id, cancellationToken));

    private static async Task<Ok<UninstallRequestView>> DenyAsync(
        Guid id, DenyBody body, ClaimsPrincipal user, ApprovalService approvals, CancellationToken cancellationToken) =>
        TypedResults.Ok(await approvals.DenyAsync(Actor(user), id, body.Reason, cancellationToken));

    private static async Task<Ok<IReadOnlyList<JobView>>> ListJobsAsync(
        Guid? machineId, Guid? applicationId, JobState? state, int? limit, int? offset, ClaimsPrincipal user, JobQueries jobs,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.ListAsync(Actor(user), new JobQuery(machineId, applicationId, state, limit ?? 200, offset ?? 0), cancellationToken));

    private static async Task<Ok<JobDetails>> GetJobAsync(Guid id, ClaimsPrincipal user, JobQueries jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.GetAsync(Actor(user), id, cancellationToken));

    private static async Task<Ok<JobView>> CancelJobAsync(Guid id, ClaimsPrincipal user, JobQueries jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.CancelAsync(Actor(user), id, cancellationToken));

    private static async Task<Ok<JobView>> RetryJobAsync(Guid id, ClaimsPrincipal user, JobQueries jobs, CancellationToken cancellationToken) =>
        TypedResults.Ok(await jobs.RetryAsync(Actor(user), id, cancellationToken));
}
