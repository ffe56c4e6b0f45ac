using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Portal.Data;

namespace Portal.Cluster;

/// <summary>
/// ASP.NET Core data-protection keys in the portal's database (<c>data_protection_keys</c>), for several portal nodes
/// on PostgreSQL: a sign-in cookie, a bearer token or an antiforgery token made by one node is read by any other, with
/// no file system shared for the keys. Keys are written once by name and never deleted (the key manager revokes by
/// writing a revocation element). The key manager calls this synchronously and rarely (at start, then about once a
/// day), so waiting for the database here blocks no request path of note.
/// </summary>
public sealed class DatabaseKeyRepository(IDbConnectionFactory connections, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => ReadAsync().GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        StoreAsync(element, friendlyName).GetAwaiter().GetResult();
    }

    private async Task<IReadOnlyCollection<XElement>> ReadAsync()
    {
        await using var connection = await connections.OpenAsync();
        var documents = await connection.QueryAsync<string>("SELECT xml FROM data_protection_keys ORDER BY created_at, name");
        return documents.Select(d => XElement.Parse(d)).ToList();
    }

    private async Task StoreAsync(XElement element, string friendlyName)
    {
        // A name the key manager gave (key-<id>, revocation-<date>); a repeated name gets a suffix rather than losing
        // an element, as the file-system repository does.
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        await using var connection = await connections.OpenAsync();
        var inserted = await connection.ExecuteAsync(
            "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @createdAt) ON CONFLICT (name) DO NOTHING",
            new { name, xml = element.ToString(SaveOptions.DisableFormatting), createdAt = time.GetUtcNow() });
        if (inserted == 0)
        {
            await connection.ExecuteAsync(
                "INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@name, @xml, @createdAt)",
                new { name = $"{name}-{Guid.NewGuid():N}", xml = element.ToString(SaveOptions.DisableFormatting), createdAt = time.GetUtcNow() });
        }
    }
}
