using Dapper;
using Portal.Data;

namespace Portal.Tests.Data;

/// <summary>User rows for repository tests (machines and tokens reference users), the same on SQLite and PostgreSQL.</summary>
internal static class TestUsers
{
    /// <summary>Inserts a user row and returns its id; without <paramref name="email"/> the address is made from the id.</summary>
    public static async Task<Guid> AddAsync(IDbConnectionFactory connections, string? email = null)
    {
        var id = Guid.NewGuid();
        email ??= $"{id:N}@example.test";
        await using var connection = await connections.OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, email, normalized_email, user_name, normalized_user_name, security_stamp, concurrency_stamp)
            VALUES (@id, @email, @normalized, @email, @normalized, 'stamp', 'stamp')
            """,
            new { id = id.ToString("D"), email, normalized = email.ToUpperInvariant() });
        return id;
    }
}
