using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Portal.Administration;

/// <summary>
/// The file of an upload request, streamed: either the raw request body (file name from <c>?fileName=</c> or the
/// Content-Disposition header) or the first file part of a multipart/form-data body. Nothing is buffered whole.
/// </summary>
public static class UploadBody
{
    /// <summary>Calls <paramref name="consume"/> with the file's stream and name; returns its result.</summary>
    /// <exception cref="PackageRejectedException">A multipart body holds no file.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, Func<Stream, string?, Task<T>> consume, CancellationToken cancellationToken)
    {
        var queryName = request.Query["fileName"].ToString();
        if (MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            && contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
            if (string.IsNullOrWhiteSpace(boundary))
            {
                throw new PackageRejectedException("The multipart upload has no boundary in its Content-Type.");
            }

            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && disposition.IsFileDisposition())
                {
                    var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                    return await consume(section.Body, string.IsNullOrEmpty(queryName) ? name : queryName);
                }
            }

            throw new PackageRejectedException("The multipart upload holds no file part; send the file as a form field with a file name.");
        }

        string? headerName = null;
        if (ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition.ToString(), out var raw))
        {
            headerName = raw.FileNameStar.HasValue ? raw.FileNameStar.Value : HeaderUtilities.RemoveQuotes(raw.FileName).Value;
        }

        return await consume(request.Body, string.IsNullOrEmpty(queryName) ? headerName : queryName);
    }
}
