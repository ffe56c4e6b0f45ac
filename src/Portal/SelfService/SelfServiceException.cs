namespace Portal.SelfService;

/// <summary>
/// A self-service request that cannot be done, with the HTTP status the API answers with and a sentence the user can
/// act on. Pages show <see cref="Exception.Message"/>; the API returns it as the problem's <c>detail</c>.
/// </summary>
public class SelfServiceException(int statusCode, string title, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Title { get; } = title;

    public static SelfServiceException NotFound(string message) => new(StatusCodes.Status404NotFound, "Not found", message);

    public static SelfServiceException Conflict(string message) => new(StatusCodes.Status409Conflict, "Conflict", message);

    public static SelfServiceException Unprocessable(string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "Request cannot be processed", message);
}
