using System.Security.Claims;
using Catalog.ExternalSoftware;

namespace Portal.Administration;

/// <summary><c>/api/external-software</c>: the published list; POST publishes (adds or updates by name), PUT replaces the whole list.</summary>
internal static class ExternalSoftwareEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/external-software").WithTags("External software");
        group.MapGet("/", GetAsync).WithSummary("The current external-software list and its revision.").Produces<ExternalSoftwareList>();
        group.MapPost("/", PublishAsync)
            .WithSummary("Publishes entries (a JSON array): each is added, or replaces the entry of the same name. Returns the new revision.")
            .Accepts<ExternalSoftwareEntry[]>("application/json").Produces<ExternalSoftwareList>().ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapPut("/", ReplaceAsync)
            .WithSummary("Replaces the whole list with exactly these entries (a JSON array). Returns the new revision.")
            .Accepts<ExternalSoftwareEntry[]>("application/json").Produces<ExternalSoftwareList>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> GetAsync(ExternalSoftwareAdminService service, CancellationToken cancellationToken) =>
        AdminHttp.Json(await service.GetCurrentAsync(cancellationToken));

    private static Task<IResult> PublishAsync(HttpRequest request, ClaimsPrincipal user, ExternalSoftwareAdminService service, CancellationToken cancellationToken) =>
        SaveAsync(request, (entries, ct) => service.PublishAsync(entries, AdminHttp.Actor(user), ct), cancellationToken);

    private static Task<IResult> ReplaceAsync(HttpRequest request, ClaimsPrincipal user, ExternalSoftwareAdminService service, CancellationToken cancellationToken) =>
        SaveAsync(request, (entries, ct) => service.ReplaceAsync(entries, AdminHttp.Actor(user), ct), cancellationToken);

    private static async Task<IResult> SaveAsync(
        HttpRequest request, Func<IReadOnlyList<ExternalSoftwareEntry>, CancellationToken, Task<ExternalSoftwareList>> save, CancellationToken cancellationToken)
    {
        var (entries, problem) = await AdminHttp.ReadJsonAsync<List<ExternalSoftwareEntry>>(request, "list of external software entries", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return AdminHttp.Json(await save(entries!, cancellationToken));
        }
        catch (ArgumentException exception)
        {
            return AdminHttp.BadRequest(exception.Message.Split(" (Parameter", 2)[0], "External software list refused");
        }
    }
}
