using System.Net.Http.Json;
using System.Text.Json;
using Catalog.Agents;
using Catalog.Machines;
using Catalog.Serialization;

namespace ClientAgent.Service;

/// <summary>Exchanges an enrollment token for the machine's credential (<c>POST /api/agents/enroll</c>).</summary>
public sealed class EnrollmentClient(HttpClient http)
{
    /// <exception cref="InvalidOperationException">The portal refused or could not be reached; the message says why.</exception>
    public async Task<AgentCredentials> EnrollAsync(Uri portal, string token, string machineName, Inventory? inventory, CancellationToken cancellationToken)
    {
        var root = portal.AbsoluteUri.EndsWith('/') ? portal : new Uri(portal.AbsoluteUri + "/");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsJsonAsync(new Uri(root, "api/agents/enroll"), new EnrollRequest(token, machineName, inventory),
                CatalogJson.Options, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"The portal at {root} could not be reached: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var detail = await ProblemDetailAsync(response, cancellationToken);
                throw new InvalidOperationException($"The portal refused the enrollment ({(int)response.StatusCode}): {detail}");
            }

            var enrolled = await response.Content.ReadFromJsonAsync<EnrollResponse>(CatalogJson.Options, cancellationToken)
                ?? throw new InvalidOperationException("The portal's enrollment answer was empty.");
            return new AgentCredentials(root.AbsoluteUri, enrolled.MachineId, enrolled.Credential);
        }
    }

    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } text)
            {
                return text;
            }
        }
        catch (JsonException)
        {
        }

        return string.IsNullOrWhiteSpace(body) ? response.ReasonPhrase ?? "no detail" : body.Trim();
    }
}
