using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Portal.Tests.Hosting;

/// <summary>Appends, after the portal's own pipeline, middleware that throws for /boom and /api/boom.</summary>
internal sealed class ThrowingStartupFilter(string message) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            context.Request.Path.Value is "/boom" or "/api/boom"
                ? throw new InvalidOperationException(message)
                : nextMiddleware(context));
    };
}
