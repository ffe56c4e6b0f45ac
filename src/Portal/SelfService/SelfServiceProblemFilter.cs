namespace Portal.SelfService;

/// <summary>Turns a <see cref="SelfServiceException"/> into RFC 7807 problem details with its sentence as <c>detail</c>.</summary>
public sealed class SelfServiceProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (SelfServiceException exception)
        {
            return TypedResults.Problem(exception.Message, statusCode: exception.StatusCode, title: exception.Title);
        }
    }
}
