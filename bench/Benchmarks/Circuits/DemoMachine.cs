using System.Globalization;
using System.Text.Json;
using Benchmarks.Requests;
using Catalog.Serialization;
using Microsoft.Data.Sqlite;

namespace Benchmarks.Circuits;

/// <summary>
/// Gives a demo user a machine straight in the portal's SQLite store (as the request benchmark fills its stores), with
/// a realistic inventory (1,000–2,000 system packages, several volumes), so the catalog page shows the demo catalog
/// evaluated against it.
/// </summary>
internal static class DemoMachine
{
    public static void Add(string databasePath, string ownerEmail, string name)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM users WHERE normalized_email = $email";
        command.Parameters.AddWithValue("$email", ownerEmail.ToUpperInvariant());
        var ownerId = command.ExecuteScalar() as string
            ?? throw new InvalidOperationException($"The demo user {ownerEmail} is not in the store (was the portal started with Portal:SeedDemo=true?).");

        var now = DateTimeOffset.UtcNow;
        var inventory = new FleetGenerator(seed: 7).Inventory(name, [], now);
        command.Parameters.Clear();
        command.CommandText = """
            INSERT INTO machines (id, name, owner_user_id, credential_hash, enrolled_at, last_seen_at, address, revoked, inventory)
            VALUES ($id, $name, $owner, $credential, $at, $at, '10.0.0.7', 0, $inventory)
            """;
        command.Parameters.AddWithValue("$id", Guid.NewGuid().ToString("D"));
        command.Parameters.AddWithValue("$name", name);
        command.Parameters.AddWithValue("$owner", ownerId);
        command.Parameters.AddWithValue("$credential", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()));
        command.Parameters.AddWithValue("$at", now.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$inventory", JsonSerializer.Serialize(inventory, CatalogJson.Options));
        command.ExecuteNonQuery();
        connection.Close();
        SqliteConnection.ClearAllPools();
    }
}
